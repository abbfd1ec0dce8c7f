// The asset prints through the printer library (onestop/printer/asset_prints.h): an asset's QR
// label, GET /api/v1/assets/{tag}/label?stock=label40x30|label50x30|58mm|80mm&format=png|escpos,
// and an approved requisition's slip, GET /api/v1/requisitions/{id}/slip?profile=80mm|58mm…
// &format=png|escpos&lang=zh|en. ESC/POS goes to the office's printer as it is (onestop-print,
// or any raw TCP 9100 printer); PNG is the virtual printer's rendering of the same bytes, for
// the console to show and a browser to print.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "asset_errors.h"
#include "asset_requests.h"
#include "assets.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/printer/asset_prints.h"
#include "onestop/printer/virtual_printer.h"
#include "people_requests.h"

namespace onestop::hub {

namespace {

// The job as asked: its bytes, or the virtual printer's PNG of them.
Reply print_reply(const printer::Job& job, const std::string& format, const std::string& name) {
    if (format == "escpos")
        return file_reply(std::string(job.bytes.begin(), job.bytes.end()),
                          "application/octet-stream", name + ".bin");
    if (!format.empty() && format != "png")
        return error_reply(422, errc::invalid_field, "format must be png or escpos");
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path file = fs::temp_directory_path(ec) / ("onestop-print-" + random_hex(8) + ".png");
    printer::Paper paper = printer::decode_escpos(job.bytes, job.profile);
    if (ec || !printer::render_png_file(paper, job.profile, file)) {
        fs::remove(file, ec);
        return internal_error_reply();
    }
    std::ifstream in(file, std::ios::binary);
    std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    fs::remove(file, ec);
    return Reply{200, std::move(png), "image/png", {{"Cache-Control", "no-store"}}};
}

std::string local_minute(const TimeZone& zone, const std::string& iso_text) {
    auto t = parse_iso8601(iso_text);
    if (!t) return iso_text;
    LocalTime lt = zone.to_local(*t);
    char minute[8];
    std::snprintf(minute, sizeof minute, "%02d:%02d", lt.hour, lt.minute);
    return lt.date() + " " + minute;
}

}  // namespace

void Hub::install_asset_print_routes() {
    get("/api/v1/assets/([^/]+)/label", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "labels are for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const std::string tag = req.matches[1];
        Result<std::optional<store::AssetRecord>> found = std::optional<store::AssetRecord>{};
        {
            std::lock_guard lock(reader_.mu);
            found = store::AssetStore(reader_.store->db()).asset(tag);
        }
        if (!found) return internal_error_reply();
        if (!*found) return error_reply(404, errc::asset_unknown, "there is no asset " + tag);
        if (!std::get<Principal>(p).sees((*found)->owner))
            return forbidden("asset " + tag + " is not your unit's");
        std::string stock_name = req.get_param_value("stock");
        auto stock = printer::find_label_stock(stock_name.empty() ? "label40x30" : stock_name);
        if (!stock) return error_reply(422, errc::invalid_field, stock.error().message);
        // The QR opens the asset in the console when the hub knows its address; the tag alone
        // otherwise (the stock-take's scanners read either: the tag is what follows the last /).
        printer::AssetLabel label{
            tag, (*found)->name,
            options_.public_url.empty() ? tag : options_.public_url + "/office/#assets/" + tag,
            hall_.name.zh};
        auto job = printer::render_asset_label(label, *stock);
        if (!job) return error_reply(422, errc::invalid_field, job.error().message);
        return print_reply(*job, req.get_param_value("format"), "label-" + tag);
    });

    get(R"(/api/v1/requisitions/(\d+)/slip)", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (!principal.signed_in()) return unauthorized();
        Result<std::optional<store::AssetRequest>> found = std::optional<store::AssetRequest>{};
        {
            std::lock_guard lock(reader_.mu);
            found = store::AssetStore(reader_.store->db()).request(path_id(req.matches[1]));
        }
        if (!found) return internal_error_reply();
        if (!*found || (*found)->kind != "requisition")
            return error_reply(404, errc::request_unknown,
                               "there is no requisition " + std::string(req.matches[1]));
        const store::AssetRequest& r = **found;
        if (!may_read(principal, r)) return forbidden("the requisition is another unit's");
        if (r.status != "approved")
            return error_reply(409, errc::wrong_status,
                               "requisition " + std::to_string(r.id) + " is " + r.status +
                                   "; its slip prints once approved");
        std::string profile_name = req.get_param_value("profile");
        auto profile = printer::find_profile(profile_name.empty() ? "80mm" : profile_name);
        if (!profile) return error_reply(422, errc::invalid_field, profile.error().message);
        config::Lang lang =
            req.get_param_value("lang") == "en" ? config::Lang::En : config::Lang::Zh;
        json body = json::parse(r.body, nullptr, false);
        char number[32];
        std::snprintf(number, sizeof number, "LY-%06lld", static_cast<long long>(r.id));
        std::string staff = r.asked_by.rfind("staff:", 0) == 0 ? r.asked_by.substr(6) : "";
        printer::RequisitionSlip slip{lang == config::Lang::En ? hall_.name.en : hall_.name.zh,
                                      number,
                                      body.value("name", ""),
                                      body.value("tag", ""),
                                      body.value("quantity", int64_t{1}),
                                      body.value("keeper", ""),
                                      body.value("reason", ""),
                                      r.asked_name + (staff.empty() ? "" : " (" + staff + ")"),
                                      local_minute(zone_, r.asked_at),
                                      r.decided_name,
                                      local_minute(zone_, r.decided_at)};
        auto job = printer::render_requisition_slip(slip, *profile, lang);
        if (!job) return error_reply(422, errc::invalid_field, job.error().message);
        return print_reply(*job, req.get_param_value("format"), number);
    });
}

}  // namespace onestop::hub
