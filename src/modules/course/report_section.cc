#include "modules/course/report_section.h"

#include <array>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "modules/course/store.h"
#include "modules/reports/sections.h"

namespace bsg::course {
namespace {

using reports::ReportContext;
using reports::SectionProvider;
using reports::ValueKind;

constexpr std::array<std::string_view, 7> kRegionRows = {"AFR", "AMS", "ARB",       "ASP",
                                                         "CIS", "EUR", "not_stated"};

Result<std::optional<render::Section>> Build(ReportContext& ctx) {
  const Store store;
  const reports::Window& w = ctx.window();
  BSG_ASSIGN_OR_RETURN(CourseFigures f, store.Figures(ctx.session(), w.since, w.until));
  if (f.enrolments == 0) return std::optional<render::Section>();  // no course data: no item

  const std::string upto = "enrolments with enrolled_on on or before " + w.until;
  ctx.SetCount("course.enrolments", f.enrolments,
               ctx.Provenance(std::to_string(f.enrolments) + " " + upto + " (every course)"));
  ctx.SetCount("course.completed", f.completed,
               ctx.Provenance(std::to_string(f.completed) + " of those " + upto +
                              " whose completed_at is on or before " + w.until));
  ctx.SetCount(
      "course.certificates", f.certificates,
      ctx.Provenance(std::to_string(f.certificates) + " certificates issued on or before " +
                     w.until + " and not revoked (one per completed enrolment)"));
  ctx.SetCount("course.window_enrolments", f.window_enrolments,
               ctx.Provenance(std::to_string(f.window_enrolments) +
                              " enrolments with enrolled_on in " + w.since + " to " + w.until));
  ctx.SetCount("course.window_certificates", f.window_certificates,
               ctx.Provenance(std::to_string(f.window_certificates) + " certificates issued in " +
                              w.since + " to " + w.until + " and not revoked"));
  const std::string as_of = " (" + upto +
                            "; the class of the learner's country in the registry's "
                            "dated classes on the enrolment date)";
  ctx.SetCount("course.ldc_enrolments", f.ldc,
               ctx.Provenance(std::to_string(f.ldc) + " enrolments from an LDC" + as_of));
  ctx.SetCount("course.developing_enrolments", f.developing,
               ctx.Provenance(std::to_string(f.developing) +
                              " enrolments from a developing country" + as_of));
  ctx.SetCount("course.country_not_stated", f.country_not_stated,
               ctx.Provenance(std::to_string(f.country_not_stated) + " " + upto +
                              " whose learner has no country in the registry"));

  render::Section s;
  s.id = "course";
  s.title = ctx.Text("p1.course.title");
  s.blocks.push_back(ctx.Paragraph("p1.course.intro"));
  s.blocks.push_back(ctx.Paragraph("p1.course.totals"));
  s.blocks.push_back(ctx.Paragraph("p1.course.window"));
  s.blocks.push_back(ctx.Paragraph("p1.course.classes"));

  // By region, as a list (the seed report's item has no table, so the tables keep its numbers).
  s.blocks.push_back(ctx.Paragraph("p1.course.regions"));
  render::BulletList regions;
  for (std::string_view region : kRegionRows) {
    auto it = f.by_region.find(std::string(region));
    const std::int64_t enrolled = it == f.by_region.end() ? 0 : it->second.first;
    const std::int64_t certified = it == f.by_region.end() ? 0 : it->second.second;
    const std::string what = region == "not_stated"
                                 ? "without a stated country"
                                 : "from a country of region " + std::string(region);
    render::Paragraph item;
    item.runs.push_back({ctx.Text("p1.course.region." + std::string(region)) + ": "});
    item.runs.push_back({std::to_string(enrolled), ctx.Provenance(std::to_string(enrolled) + " " +
                                                                  upto + ", learners " + what)});
    item.runs.push_back({" " + ctx.Text("p1.course.regions.enrolments") + ", "});
    item.runs.push_back({std::to_string(certified),
                         ctx.Provenance(std::to_string(certified) +
                                        " certificates not revoked, issued on or before " +
                                        w.until + ", learners " + what)});
    item.runs.push_back({" " + ctx.Text("p1.course.regions.certificates")});
    regions.items.push_back(std::move(item));
  }
  s.blocks.push_back(std::move(regions));

  // By gender and by year, the same way: every bucket shown, "not stated" included.
  auto list = [&](const char* heading, const std::string& key_prefix,
                  const std::vector<std::string>& keys,
                  const std::map<std::string, std::pair<std::int64_t, std::int64_t>>& counts,
                  const std::function<std::string(const std::string&)>& enrolled_rule,
                  const std::function<std::string(const std::string&)>& issued_rule) {
    s.blocks.push_back(ctx.Paragraph(heading));
    render::BulletList items;
    for (const std::string& key : keys) {
      auto it = counts.find(key);
      const std::int64_t enrolled = it == counts.end() ? 0 : it->second.first;
      const std::int64_t certified = it == counts.end() ? 0 : it->second.second;
      render::Paragraph item;
      item.runs.push_back({(key_prefix.empty() ? key : ctx.Text(key_prefix + key)) + ": "});
      item.runs.push_back({std::to_string(enrolled),
                           ctx.Provenance(std::to_string(enrolled) + " " + enrolled_rule(key))});
      item.runs.push_back({" " + ctx.Text("p1.course.regions.enrolments") + ", "});
      item.runs.push_back({std::to_string(certified),
                           ctx.Provenance(std::to_string(certified) + " " + issued_rule(key))});
      item.runs.push_back({" " + ctx.Text("p1.course.regions.certificates")});
      items.items.push_back(std::move(item));
    }
    s.blocks.push_back(std::move(items));
  };
  list(
      "p1.course.genders", "p1.course.gender.", {"female", "male", "other", "not_stated"},
      f.by_gender,
      [&](const std::string& g) { return upto + ", learners whose registry gender is " + g; },
      [&](const std::string& g) {
        return "certificates not revoked, issued on or before " + w.until +
               ", learners whose registry gender is " + g;
      });
  std::vector<std::string> years;
  for (const auto& [year, counts] : f.by_year) years.push_back(year);
  list(
      "p1.course.years", "", years, f.by_year,
      [&](const std::string& y) {
        return "enrolments with enrolled_on in " + y + " and on or before " + w.until;
      },
      [&](const std::string& y) {
        return "certificates not revoked with issued_on in " + y + " and on or before " + w.until;
      });
  return std::optional<render::Section>(std::move(s));
}

}  // namespace

void RegisterCourseReportSection() {
  SectionProvider p;
  p.key = "programme1.course";
  p.programme = 1;
  p.order = 5;
  p.values = {
      {"course.enrolments", ValueKind::kCount, "enrolments up to the end of the window"},
      {"course.completed", ValueKind::kCount, "of them, completed by then"},
      {"course.certificates", ValueKind::kCount, "certificates issued by then, not revoked"},
      {"course.window_enrolments", ValueKind::kCount, "enrolments in the window"},
      {"course.window_certificates", ValueKind::kCount, "certificates issued in the window"},
      {"course.ldc_enrolments", ValueKind::kCount,
       "enrolments from LDCs (as classified on the enrolment date)"},
      {"course.developing_enrolments", ValueKind::kCount,
       "enrolments from developing countries, LDCs included (as classified on the enrolment "
       "date)"},
      {"course.country_not_stated", ValueKind::kCount, "enrolments without a stated country"},
  };
  p.templates = {
      {"p1.course.title", p.key, "the item heading", "A.1 online course"},
      {"p1.course.intro", p.key, "the opening paragraph",
       "The e-learning course on the working methods of ITU-T study groups (Recommendation ITU-T "
       "A.1) takes about two hours in six modules. A learner who reads every module and reaches "
       "the pass mark of the final assessment obtains a certificate of achievement."},
      {"p1.course.totals", p.key, "the figures up to the end of the period",
       "Since the course opened there have been {course.enrolments} enrolments, and "
       "{course.certificates} certificates have been issued."},
      {"p1.course.window", p.key, "the figures of the period",
       "In this period, {course.window_enrolments} people enrolled and "
       "{course.window_certificates} certificates were issued."},
      {"p1.course.classes", p.key, "enrolments by development class",
       "{course.developing_enrolments} enrolments came from developing countries, "
       "{course.ldc_enrolments} of them from least developed countries, as classified on the day "
       "of enrolment; {course.country_not_stated} learners have not stated their country."},
      {"p1.course.regions", p.key, "the line before the list by region",
       "Enrolments and certificates by the learner's region:"},
      {"p1.course.regions.enrolments", p.key, "after the number of enrolments", "enrolments"},
      {"p1.course.regions.certificates", p.key, "after the number of certificates", "certificates"},
      {"p1.course.region.AFR", p.key, "region AFR", "Africa"},
      {"p1.course.region.AMS", p.key, "region AMS", "Americas"},
      {"p1.course.region.ARB", p.key, "region ARB", "Arab States"},
      {"p1.course.region.ASP", p.key, "region ASP", "Asia and the Pacific"},
      {"p1.course.region.CIS", p.key, "region CIS", "Commonwealth of Independent States"},
      {"p1.course.region.EUR", p.key, "region EUR", "Europe"},
      {"p1.course.region.not_stated", p.key, "learners without a country", "Not stated"},
      {"p1.course.genders", p.key, "the line before the list by gender",
       "Enrolments and certificates by the learner's gender:"},
      {"p1.course.gender.female", p.key, "gender female", "Women"},
      {"p1.course.gender.male", p.key, "gender male", "Men"},
      {"p1.course.gender.other", p.key, "gender other", "Another gender"},
      {"p1.course.gender.not_stated", p.key, "learners who did not state their gender",
       "Not stated"},
      {"p1.course.years", p.key, "the line before the list by year",
       "Enrolments by year of enrolment and certificates by year of issue:"},
  };
  p.build = Build;
  reports::RegisterSectionProvider(std::move(p));
}

}  // namespace bsg::course
