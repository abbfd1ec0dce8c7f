// USB printers through libusb: the only file that includes <libusb.h>.
//
// Every libusb call for one printer runs on that printer's own I/O thread (callers post
// work and wait), so the kiosk may print from one thread and poll status from another.
#include <libusb.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "backends.h"
#include "onestop/base/log.h"

namespace onestop::printer {

namespace {

constexpr int kPrinterClass = LIBUSB_CLASS_PRINTER;  // 7
constexpr int kVendorClass = LIBUSB_CLASS_VENDOR_SPEC;

std::string hex4(uint16_t v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", v);
    return buf;
}

std::string usb_name(UsbId id) {
    return "usb:" + hex4(id.vid) + ":" + hex4(id.pid);
}

Error usb_error(int rc, const std::string& what) {
    const char* code = rc == LIBUSB_ERROR_ACCESS      ? errc::kAccess
                       : rc == LIBUSB_ERROR_BUSY      ? errc::kBusy
                       : rc == LIBUSB_ERROR_NO_DEVICE ? errc::kUnplugged
                       : rc == LIBUSB_ERROR_NOT_FOUND ? errc::kNotFound
                       : rc == LIBUSB_ERROR_TIMEOUT   ? errc::kTimeout
                                                      : errc::kIo;
    std::string hint;
    if (rc == LIBUSB_ERROR_ACCESS) {
        hint =
            " (install scripts/udev/60-onestop-printer.rules and add the kiosk user to group lp)";
    } else if (rc == LIBUSB_ERROR_BUSY) {
        hint = " (another program, e.g. CUPS, holds the printer)";
    }
    return make_error(code, what + ": " + libusb_error_name(rc) + hint);
}

bool is_known_model(UsbId id) {
    for (const auto& p : profiles()) {
        for (const auto& k : p.usb_ids) {
            if (k.vid == id.vid && k.pid == id.pid) return true;
        }
    }
    return false;
}

// The printer interface of a device: class 7, or vendor class on a listed model, with
// a bulk OUT endpoint. Endpoints come from the descriptors, never assumed.
std::optional<UsbPrinterInfo> describe_device(libusb_device* dev, std::optional<UsbId> wanted) {
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(dev, &desc) != 0) return std::nullopt;
    UsbId id{desc.idVendor, desc.idProduct};
    if (wanted && (wanted->vid != id.vid || wanted->pid != id.pid)) return std::nullopt;
    bool allow_vendor_class = wanted.has_value() || is_known_model(id);

    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(dev, &config) != 0 &&
        libusb_get_config_descriptor(dev, 0, &config) != 0) {
        return std::nullopt;
    }
    std::optional<UsbPrinterInfo> found;
    for (int i = 0; i < config->bNumInterfaces && !found; ++i) {
        const libusb_interface& itf = config->interface[i];
        for (int a = 0; a < itf.num_altsetting && !found; ++a) {
            const libusb_interface_descriptor& alt = itf.altsetting[a];
            bool usable = alt.bInterfaceClass == kPrinterClass ||
                          (allow_vendor_class && alt.bInterfaceClass == kVendorClass);
            if (!usable) continue;
            UsbPrinterInfo info;
            info.id = id;
            info.bus = libusb_get_bus_number(dev);
            info.address = libusb_get_device_address(dev);
            info.interface_number = alt.bInterfaceNumber;
            info.interface_class = alt.bInterfaceClass;
            for (int e = 0; e < alt.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& ep = alt.endpoint[e];
                if ((ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
                    continue;
                if (ep.bEndpointAddress & LIBUSB_ENDPOINT_IN) {
                    if (!info.endpoint_in) info.endpoint_in = ep.bEndpointAddress;
                } else if (!info.endpoint_out) {
                    info.endpoint_out = ep.bEndpointAddress;
                }
            }
            if (info.endpoint_out) {
                info.profile = profile_for_usb(id).name;
                found = info;
            }
        }
    }
    libusb_free_config_descriptor(config);
    return found;
}

// The device list, always freed (with the references it holds).
struct DeviceList {
    libusb_device** list = nullptr;
    ssize_t count = 0;
    explicit DeviceList(libusb_context* ctx) { count = libusb_get_device_list(ctx, &list); }
    ~DeviceList() {
        if (list) libusb_free_device_list(list, 1);
    }
};

std::string read_name(libusb_device_handle* h, const libusb_device_descriptor& desc) {
    auto str = [&](uint8_t index) -> std::string {
        if (index == 0) return {};
        unsigned char buf[128];
        int n = libusb_get_string_descriptor_ascii(h, index, buf, sizeof buf);
        return n > 0 ? std::string(reinterpret_cast<char*>(buf), static_cast<size_t>(n)) : "";
    };
    std::string maker = str(desc.iManufacturer), product = str(desc.iProduct);
    return maker.empty() ? product : product.empty() ? maker : maker + " " + product;
}

// Runs posted work on one thread, in order.
class IoThread {
  public:
    IoThread() : thread_([this] { run(); }) {}
    ~IoThread() {
        {
            std::lock_guard lock(mu_);
            done_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }
    template <typename F>
    auto call(F f) -> decltype(f()) {
        // Shared: the worker may still be leaving task() when the caller wakes up.
        auto task = std::make_shared<std::packaged_task<decltype(f())()>>(std::move(f));
        auto result = task->get_future();
        {
            std::lock_guard lock(mu_);
            work_.emplace_back([task] { (*task)(); });
        }
        cv_.notify_one();
        return result.get();
    }

  private:
    void run() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mu_);
                cv_.wait(lock, [this] { return done_ || !work_.empty(); });
                if (work_.empty()) return;
                job = std::move(work_.front());
                work_.pop_front();
            }
            job();
        }
    }
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> work_;
    bool done_ = false;
    std::thread thread_;
};

class UsbTransport final : public Transport {
  public:
    ~UsbTransport() override {
        io_.call([this] {
            if (handle_) {
                libusb_release_interface(handle_, info_.interface_number);
                libusb_close(handle_);
            }
            if (ctx_) libusb_exit(ctx_);
            return 0;
        });
    }

    Status open(std::optional<UsbId> wanted) {
        return io_.call([&]() -> Status { return open_on_io_thread(wanted); });
    }

    Result<size_t> write(std::span<const uint8_t> data, Millis timeout) override {
        return io_.call([&]() -> Result<size_t> {
            int transferred = 0;
            int rc = libusb_bulk_transfer(handle_, info_.endpoint_out,
                                          const_cast<unsigned char*>(data.data()),
                                          static_cast<int>(data.size()), &transferred,
                                          static_cast<unsigned>(timeout.count()));
            // On a timeout part of the data may have gone out: report it so the caller
            // resumes after it instead of sending those bytes twice.
            if (rc == 0 || rc == LIBUSB_ERROR_TIMEOUT) return static_cast<size_t>(transferred);
            if (rc == LIBUSB_ERROR_PIPE) libusb_clear_halt(handle_, info_.endpoint_out);
            return usb_error(rc, describe() + ": bulk write");
        });
    }

    Result<std::vector<uint8_t>> read(size_t max, Millis timeout) override {
        return io_.call([&]() -> Result<std::vector<uint8_t>> {
            std::vector<uint8_t> out;
            if (!info_.endpoint_in) return out;
            out.resize(max);
            int transferred = 0;
            int rc =
                libusb_bulk_transfer(handle_, info_.endpoint_in, out.data(), static_cast<int>(max),
                                     &transferred, static_cast<unsigned>(timeout.count()));
            if (rc != 0 && rc != LIBUSB_ERROR_TIMEOUT)
                return usb_error(rc, describe() + ": bulk read");
            out.resize(static_cast<size_t>(transferred));
            return out;
        });
    }

    std::string describe() const override { return usb_name(info_.id); }
    std::string suggested_profile() const override { return info_.profile; }

  private:
    Status open_on_io_thread(std::optional<UsbId> wanted) {
        int rc = libusb_init(&ctx_);
        if (rc != 0) return usb_error(rc, "libusb_init");
        DeviceList devices(ctx_);
        if (devices.count < 0)
            return usb_error(static_cast<int>(devices.count), "libusb_get_device_list");
        for (ssize_t i = 0; i < devices.count; ++i) {
            auto info = describe_device(devices.list[i], wanted);
            if (!info) continue;
            rc = libusb_open(devices.list[i], &handle_);
            if (rc != 0) return usb_error(rc, usb_name(info->id) + ": open");
            info_ = *info;
            // Lets us claim a printer the kernel's usblp driver has bound, and gives it
            // back on release.
            libusb_set_auto_detach_kernel_driver(handle_, 1);
            rc = libusb_claim_interface(handle_, info_.interface_number);
            if (rc != 0) {
                libusb_close(handle_);
                handle_ = nullptr;
                return usb_error(
                    rc, describe() + ": claim interface " + std::to_string(info_.interface_number));
            }
            logger("printer")->info("{}: interface {} class {}, endpoints out 0x{:02x} in 0x{:02x}",
                                    describe(), info_.interface_number, info_.interface_class,
                                    info_.endpoint_out, info_.endpoint_in);
            return {};
        }
        return make_error(errc::kNotFound, wanted
                                               ? usb_name(*wanted) + ": no such USB printer"
                                               : "no USB printer found (class 7 or a known model)");
    }

    libusb_context* ctx_ = nullptr;
    libusb_device_handle* handle_ = nullptr;
    UsbPrinterInfo info_;
    IoThread io_;  // last: joined first, before the handle goes
};

}  // namespace

Result<std::unique_ptr<Transport>> open_usb(std::optional<UsbId> id) {
    auto t = std::make_unique<UsbTransport>();
    if (auto st = t->open(id); !st) return st.error();
    return std::unique_ptr<Transport>(std::move(t));
}

Result<std::vector<UsbPrinterInfo>> list_usb_printers() {
    libusb_context* ctx = nullptr;
    int rc = libusb_init(&ctx);
    if (rc != 0) return usb_error(rc, "libusb_init");
    std::vector<UsbPrinterInfo> out;
    {
        DeviceList devices(ctx);
        if (devices.count < 0) {
            libusb_exit(ctx);
            return usb_error(static_cast<int>(devices.count), "libusb_get_device_list");
        }
        for (ssize_t i = 0; i < devices.count; ++i) {
            auto info = describe_device(devices.list[i], std::nullopt);
            if (!info) continue;
            libusb_device_descriptor desc{};
            libusb_get_device_descriptor(devices.list[i], &desc);
            libusb_device_handle* h = nullptr;
            if (libusb_open(devices.list[i], &h) == 0) {
                info->name = read_name(h, desc);
                libusb_close(h);
            }
            if (info->name.empty()) info->name = profile_for_usb(info->id).description;
            out.push_back(*info);
        }
    }
    libusb_exit(ctx);
    return out;
}

}  // namespace onestop::printer
