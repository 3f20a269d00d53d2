// Date expressions, one kind each; every span and value was worked out by hand (calendar checked:
// 26 February 1987 was a Thursday).
#include "indexer/date_extract.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace annosearch;

namespace {

const DateExtractor& extractor() {
  static const DateExtractor kExtractor({"en", "ru"});
  return kExtractor;
}

// "start end value" per date found.
std::vector<std::string> dates(const std::string& text, const std::string& published,
                               const std::string& language = "en") {
  std::optional<PartialDate> pub;
  if (!published.empty()) pub = PartialDate::parse(published);
  std::vector<std::string> out;
  for (const auto& d : extractor().extract(text, pub, language)) {
    out.push_back(std::to_string(d.span.start) + " " + std::to_string(d.span.end) + " " +
                  d.value.to_string());
    CHECK(d.source == "auto");
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("dates: absolute", "[dates]") {
  CHECK(dates("on 9 December 2021 he", "2021-12") == V{"3 18 2021-12-09"});
  CHECK(dates("on December 9, 2021 he", "2021-12") == V{"3 19 2021-12-09"});
  CHECK(dates("on 2021-12-09 he", "") == V{"3 13 2021-12-09"});
  CHECK(dates("on 09.12.2021 he", "") == V{"3 13 2021-12-09"});
  CHECK(dates("in December 2021", "") == V{"3 16 2021-12"});
  CHECK(dates("Dec. 9, 2021", "") == V{"0 12 2021-12-09"});
  // No such day: only what exists is kept, the month ("February 2021" at 6..19).
  CHECK(dates("on 31 February 2021", "") == V{"6 19 2021-02"});
}

TEST_CASE("dates: partial, resolved against the publication date", "[dates]") {
  // "On December 9" in a December 2021 article; "On November 28"; the span has no "On".
  CHECK(dates("On December 9, the", "2021-12") == V{"3 13 2021-12-09"});
  CHECK(dates("On November 28 the", "2021-12") == V{"3 14 2021-11-28"});
  // A month after the publication month is last year's.
  CHECK(dates("in November", "2021-03") == V{"3 11 2020-11"});
  CHECK(dates("border in May.", "2021-12") == V{"10 13 2021-05"});
  CHECK(dates("in 2021 (60 in 2020)", "2021-12") == V{"3 7 2021", "15 19 2020"});
  // Without a publication date a month alone cannot be placed.
  CHECK(dates("in May", "").empty());
}

TEST_CASE("dates: not dates", "[dates]") {
  CHECK(dates("We may go. May God help.", "2021-12").empty());
  CHECK(dates("after 20 years, 14,000 refugees and 1,987 tonnes", "2021-12").empty());
  CHECK(dates("in recent years, in the future", "2021-12").empty());
  CHECK(dates("the 201st Russian military base", "2021-12").empty());
}

TEST_CASE("dates: parts of a month or year are ranges", "[dates]") {
  CHECK(dates("In early October, Rahmon", "2021-12") == V{"3 16 2021-10-01..2021-10-10"});
  CHECK(dates("in mid-November", "2021-12") == V{"3 15 2021-11-11..2021-11-20"});
  CHECK(dates("in late February", "2021-12") == V{"3 16 2021-02-21..2021-02-28"});
  CHECK(dates("in early 2020", "2021-12") == V{"3 13 2020-01..2020-04"});
}

TEST_CASE("dates: relative to the publication date", "[dates]") {
  CHECK(dates("last year", "2021-12") == V{"0 9 2020"});
  CHECK(dates("this month", "2021-12") == V{"0 10 2021-12"});
  CHECK(dates("next month", "2021-12") == V{"0 10 2022-01"});
  // Published Thursday 26 February 1987.
  CHECK(dates("said on Monday", "1987-02-26T15:01:01Z") == V{"8 14 1987-02-23"});
  CHECK(dates("said yesterday", "1987-02-26") == V{"5 14 1987-02-25"});
  CHECK(dates("said today", "1987-02-26") == V{"5 10 1987-02-26"});
  CHECK(dates("on Thursday", "1987-02-26") == V{"3 11 1987-02-26"});
  CHECK(dates("next Monday", "1987-02-26") == V{"0 11 1987-03-02"});
  // A weekday needs the day of publication.
  CHECK(dates("on Monday", "1987-02").empty());
}

TEST_CASE("dates: ranges", "[dates]") {
  CHECK(dates("from May to July", "2021-12") == V{"5 16 2021-05..2021-07"});
  CHECK(dates("between 2019 and 2021", "") == V{"8 21 2019..2021"});
  CHECK(dates("in 2019-2021", "") == V{"3 12 2019..2021"});
  CHECK(dates("on 9-11 December 2021", "") == V{"3 21 2021-12-09..2021-12-11"});
  CHECK(dates("December 9-11, 2021", "") == V{"0 19 2021-12-09..2021-12-11"});
}

TEST_CASE("dates: month names from ICU's date symbols for the document's language", "[dates]") {
  // "9 декабря 2021 года": 9 (0..1), декабря (2..9), 2021 (10..14).
  CHECK(dates("9 декабря 2021 года", "", "ru") == V{"0 14 2021-12-09"});
  CHECK(extractor().month_of("декабря", "ru") == 12);
  CHECK(extractor().month_of("december", "en") == 12);
  CHECK(extractor().weekday_of("monday", "en") == 1);
  CHECK(extractor().weekday_of("воскресенье", "ru") == 7);
}
