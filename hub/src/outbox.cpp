#include "outbox.h"

#include "onestop/base/time.h"
#include "views.h"

namespace onestop::hub {

bool queue_notification(WriteContext& ctx, const std::string& kind, const std::string& url_template,
                        const std::string& number, int64_t id, const json& body) {
    if (url_template.empty()) return true;
    std::string url = url_template;
    for (const auto& [key, value] :
         {std::pair<std::string, std::string>{"{number}", number}, {"{id}", std::to_string(id)}})
        for (size_t at = url.find(key); at != std::string::npos; at = url.find(key, at))
            url.replace(at, key.size(), value);
    std::string now = iso(ctx.clock.now());
    store::OutboxMessage m;
    m.kind = kind;
    m.url = url;
    m.body = dump(body);
    m.created_at = now;
    m.next_at = now;
    auto queued = ctx.store.enqueue_outbox(m);
    if (!queued) ctx.fail(queued.error());
    return static_cast<bool>(queued);
}

}  // namespace onestop::hub
