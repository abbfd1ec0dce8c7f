#pragma once
// Fixed sample slips, shared by the golden tests, the rendering tests and the bench.

#include <functional>
#include <string>
#include <vector>

#include "onestop/base/time.h"
#include "onestop/printer/slips.h"

namespace onestop::printer::samples {

// Sample times; the slips print them in the hall's zone, set here so that golden files
// do not depend on the TZ of whoever runs the tests.
inline TimePoint at(const char* iso) {
    (void)set_time_zone("Asia/Shanghai");
    return *parse_iso8601(iso);
}

inline const char* kTicketUrl = "http://192.168.10.2:8080/t/1042?c=9f86d081884c7d65";
inline const char* kProgressUrl = "http://192.168.10.2:8080/t/1043?c=2c26b46b68ffc68f";

inline TicketSlip ticket(Lang lang) {
    bool zh = lang == Lang::Zh;
    return {zh ? "北区一站式服务大厅" : "North Campus One-Stop Service Hall",
            zh ? "学籍与在读证明" : "Enrolment certificates",
            "A012",
            3,
            at("2026-11-27T09:05:00+08:00"),
            kTicketUrl};
}

inline SupplementNotice supplement(Lang lang) {
    bool zh = lang == Lang::Zh;
    return {
        zh ? "北区一站式服务大厅" : "North Campus One-Stop Service Hall",
        zh ? "出国（境）交流学分认定" : "Credit transfer for study abroad",
        zh ? std::vector<std::string>{"境外学校成绩单原件及复印件（加盖教务章）",
                                      "学院审核意见表（院长签字）", "课程描述或教学大纲",
                                      "本人身份证复印件"}
           : std::vector<
                 std::string>{"Original transcript from the host university, with a stamped copy",
                              "School review form signed by the dean",
                              "Course descriptions or syllabi", "Copy of your ID card"},
        zh ? "3号窗口 教务处" : "Window 3, Academic Affairs",
        "S003",
        at("2026-11-27T10:20:00+08:00")};
}

inline AcceptanceReceipt acceptance(Lang lang) {
    bool zh = lang == Lang::Zh;
    return {zh ? "北区一站式服务大厅" : "North Campus One-Stop Service Hall",
            zh ? "教职工因公出国（境）审批" : "Approval of staff travel abroad",
            "GJC-20261127-0007",
            at("2026-11-27T10:42:00+08:00"),
            "2026-12-04",
            zh ? "5号窗口 国际交流处" : "Window 5, International Office",
            "S005",
            kProgressUrl,
            zh ? std::vector<std::string>{"教职工因公出国（境）审批表", "邀请函原件及中文译文",
                                          "本人护照复印件"}
               : std::vector<std::string>{"Application form for official travel abroad",
                                          "Original invitation letter with a translation",
                                          "Copy of your passport"}};
}

inline ReturnNotice return_notice(Lang lang) {
    bool zh = lang == Lang::Zh;
    return {zh ? "北区一站式服务大厅" : "North Campus One-Stop Service Hall",
            zh ? "校园卡补办" : "Replacement campus card",
            zh ? "该事项由校园卡服务中心办理，不属于本窗口受理范围。"
               : "This item is handled by the Campus Card Centre, not at this window.",
            zh ? "校园卡服务中心（学生活动中心一楼），电话 0571-8888 1234"
               : "Campus Card Centre (Student Centre, ground floor), tel. 0571-8888 1234",
            zh ? "2号窗口 后勤处" : "Window 2, Logistics",
            "S002",
            at("2026-11-27T11:15:00+08:00")};
}

struct Sample {
    std::string kind;  // "ticket", "supplement", "acceptance", "return"
    std::function<Result<Job>(const Profile&, Lang)> render;
    std::string qr;  // what the slip's QR code must read, or empty
};

inline std::vector<Sample> all() {
    return {
        {"ticket", [](const Profile& p, Lang l) { return render_ticket(ticket(l), p, l); },
         kTicketUrl},
        {"supplement",
         [](const Profile& p, Lang l) { return render_supplement_notice(supplement(l), p, l); },
         ""},
        {"acceptance",
         [](const Profile& p, Lang l) { return render_acceptance_receipt(acceptance(l), p, l); },
         kProgressUrl},
        {"return",
         [](const Profile& p, Lang l) { return render_return_notice(return_notice(l), p, l); }, ""},
    };
}

}  // namespace onestop::printer::samples
