// The template language, the wording of values and the window rules.
#include "modules/reports/rules.h"

#include <gtest/gtest.h>

#include "modules/reports/sections.h"

namespace bsg::reports {
namespace {

LiveValue Count(const std::string& key, double n, const std::string& provenance = "") {
  LiveValue v;
  v.key = key;
  v.kind = ValueKind::kCount;
  v.number = n;
  v.provenance = provenance;
  return v;
}

LiveValue Date(const std::string& key, const std::string& iso) {
  LiveValue v;
  v.key = key;
  v.kind = ValueKind::kDate;
  v.text = iso;
  return v;
}

std::string Render(const std::string& text, const ValueMap& values) {
  auto parsed = ParseTemplate(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? ExpandText(*parsed, values) : "";
}

TEST(TemplateTest, ExpandsPlaceholdersAndFilters) {
  ValueMap v;
  v["since"] = Date("since", "2019-09-01");
  v["events.rg"] = Count("events.rg", 9, "9 events ...");
  EXPECT_EQ(
      Render("Since {since|month_year}, {events.rg} regional group meetings have been held.", v),
      "Since September 2019, 9 regional group meetings have been held.");
  EXPECT_EQ(Render("{since}", v), "1 September 2019");
  EXPECT_EQ(Render("{since|iso} {since|year}", v), "2019-09-01 2019");
  EXPECT_EQ(Render("{events.rg|words|cap} meetings", v), "Nine meetings");
  EXPECT_EQ(Render("{{literal}} {events.rg}", v), "{literal} 9");
  EXPECT_EQ(Render("{ events.rg | words }", v), "nine");
}

TEST(TemplateTest, RoundingFiltersKeepTheWordingTrue) {
  ValueMap v;
  v["n"] = Count("n", 750);
  v["exact"] = Count("exact", 700);
  v["small"] = Count("small", 35);
  v["big"] = Count("big", 12345);
  EXPECT_EQ(Render("{n|floor100}", v), "700");
  EXPECT_EQ(Render("{n|floor10}", v), "750");
  EXPECT_EQ(Render("{big|floor1000}", v), "12,000");
  EXPECT_EQ(Render("{big}", v), "12,345");
  EXPECT_EQ(Render("{n|over100|cap} delegates", v), "Over 700 delegates");
  EXPECT_EQ(Render("{exact|over100|cap} delegates", v), "700 delegates");
  EXPECT_EQ(Render("{small|over100} delegates", v), "35 delegates");
}

TEST(TemplateTest, SharesAndMissingValues) {
  ValueMap v;
  LiveValue share;
  share.key = "share";
  share.kind = ValueKind::kShare;
  share.number = 0.574;
  v["share"] = share;
  LiveValue missing;
  missing.key = "missing";
  missing.kind = ValueKind::kShare;
  v["missing"] = missing;
  EXPECT_EQ(Render("{share}", v), "57%");
  EXPECT_EQ(Render("{missing}", v), "not known");
  EXPECT_EQ(Render("{missing|cap}", v), "Not known");
  EXPECT_EQ(Render("{absent}", v), "not known");
  EXPECT_EQ(Percent(0.004), "0.4%");
  EXPECT_EQ(Percent(0), "0%");
}

TEST(TemplateTest, PlaceholdersCarryProvenance) {
  ValueMap v;
  v["n"] = Count("n", 9, "9 events of kind regional_group_meeting");
  auto parsed = ParseTemplate("Held: {n} meetings.");
  ASSERT_TRUE(parsed.ok());
  render::Paragraph p = Expand(*parsed, v);
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[0].text, "Held: ");
  EXPECT_EQ(p.runs[0].provenance, "");
  EXPECT_EQ(p.runs[1].text, "9");
  EXPECT_EQ(p.runs[1].provenance, "9 events of kind regional_group_meeting");
  EXPECT_EQ(p.runs[2].text, " meetings.");
}

TEST(TemplateTest, MalformedTemplatesAreRejected) {
  for (const char* bad : {"open { brace", "close } brace", "{}", "{a|}", "{a b}", "{a|fl-oor}"}) {
    auto parsed = ParseTemplate(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().reason(), "reports.template_syntax") << bad;
      EXPECT_EQ(parsed.status().code(), ErrorCode::kUnprocessable);
      EXPECT_TRUE(parsed.status().fields().count("text"));
    }
  }
}

TEST(TemplateTest, CheckNamesEveryUnknownPlaceholder) {
  const std::map<std::string, ValueKind> allowed = {{"since", ValueKind::kDate},
                                                    {"events.n", ValueKind::kCount}};
  EXPECT_TRUE(CheckTemplate("Since {since|month_year}: {events.n|over100}", allowed).ok());
  Status s = CheckTemplate("{foo} and {events.n} and {bar.baz|words}", allowed);
  EXPECT_EQ(s.code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(s.reason(), "reports.unknown_placeholder");
  EXPECT_NE(s.message().find("{foo}"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("{bar.baz}"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("{events.n}"), std::string::npos) << s.message();
  EXPECT_NE(s.fields().at("text").find("{foo}"), std::string::npos);

  EXPECT_EQ(CheckTemplate("{events.n|shout}", allowed).reason(), "reports.unknown_filter");
  EXPECT_EQ(CheckTemplate("{since|percent}", allowed).reason(), "reports.filter_mismatch");
  EXPECT_EQ(CheckTemplate("", allowed).reason(), "reports.template_too_long");
  EXPECT_EQ(CheckTemplate(std::string(kMaxTemplateLength + 1, 'a'), allowed).reason(),
            "reports.template_too_long");
}

TEST(TemplateTest, EveryShippedTemplateIsValid) {
  auto catalogue = TemplateCatalogue();
  ASSERT_FALSE(catalogue.empty());
  std::set<std::string> keys;
  for (const auto& entry : catalogue) {
    EXPECT_TRUE(keys.insert(entry.spec.key).second) << "duplicate key " << entry.spec.key;
    Status s = CheckTemplate(entry.spec.text, entry.allowed);
    EXPECT_TRUE(s.ok()) << entry.spec.key << ": " << s.ToString();
    EXPECT_FALSE(entry.spec.description.empty()) << entry.spec.key;
  }
  for (const char* key : {"p3.training.window.none", "p1.geo.meetings.none", "report.title",
                          "p3.training.table.footnote"}) {
    EXPECT_TRUE(keys.count(key)) << key;
  }
}

TEST(WindowTest, ValidatesDatesAndOrder) {
  EXPECT_TRUE(ValidateWindow({"2019-09-01", "2020-03-31"}).ok());
  EXPECT_TRUE(ValidateWindow({"2020-03-31", "2020-03-31"}).ok());
  Status bad = ValidateWindow({"2019-13-01", "yesterday"});
  EXPECT_EQ(bad.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.reason(), "reports.bad_window");
  EXPECT_TRUE(bad.fields().count("since"));
  EXPECT_TRUE(bad.fields().count("until"));
  Status inverted = ValidateWindow({"2020-03-31", "2019-09-01"});
  EXPECT_EQ(inverted.code(), ErrorCode::kUnprocessable);
  EXPECT_TRUE(inverted.fields().count("until"));
}

TEST(WindowTest, SuggestsTheLatestYearWithActivity) {
  // An event held in the 12 months to today: those months.
  SuggestedWindow recent = *SuggestWindow("2026-11-28", std::string("2026-02-10"));
  EXPECT_EQ(recent.basis, WindowBasis::kRecentActivity);
  EXPECT_EQ(recent.window.since, "2025-11-29");
  EXPECT_EQ(recent.window.until, "2026-11-28");
  EXPECT_EQ(recent.latest_held_end, "2026-02-10");
  // Held on the window's first day still counts.
  EXPECT_EQ(SuggestWindow("2026-11-28", std::string("2025-11-29"))->basis,
            WindowBasis::kRecentActivity);
  // Nothing held since: the 12 months ending with the most recent held event.
  SuggestedWindow latest = *SuggestWindow("2026-11-28", std::string("2020-03-17"));
  EXPECT_EQ(latest.basis, WindowBasis::kLatestHeldEvent);
  EXPECT_EQ(latest.window.since, "2019-03-19");
  EXPECT_EQ(latest.window.until, "2020-03-17");
  EXPECT_TRUE(ValidateWindow(latest.window).ok());
  // Nothing held at all: the 12 months to today.
  SuggestedWindow none = *SuggestWindow("2024-03-01", std::nullopt);
  EXPECT_EQ(none.basis, WindowBasis::kNoHeldEvents);
  EXPECT_EQ(none.window.since, "2023-03-03");
  EXPECT_EQ(none.window.until, "2024-03-01");
  EXPECT_EQ(WindowBasisName(WindowBasis::kLatestHeldEvent), "latest_held_event");
  // A bad date is an error, not a window.
  EXPECT_EQ(SuggestWindow("2026-02-30", std::nullopt).status().reason(), "time.bad_date");
  EXPECT_EQ(SuggestWindow("2026-11-28", std::string("2020-3-17")).status().reason(),
            "time.bad_date");
}

TEST(WordingTest, DatesYearsAndCategories) {
  EXPECT_EQ(LongDate("2019-10-01"), "1 October 2019");
  EXPECT_EQ(MonthYear("2020-02-29"), "February 2020");
  EXPECT_EQ(LongDate("2019-02-30"), "");
  EXPECT_EQ(LastFullYear("2020-03-31"), 2019);
  EXPECT_EQ(LastFullYear("2020-12-31"), 2020);
  EXPECT_EQ(NumberWords(2), "two");
  EXPECT_EQ(NumberWords(13), "13");
  EXPECT_EQ(CountCategory(0), "none");
  EXPECT_EQ(CountCategory(1), "one");
  EXPECT_EQ(CountCategory(9), "other");
}

}  // namespace
}  // namespace bsg::reports
