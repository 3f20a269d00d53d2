// Partial dates: parsing with precision, rejection of dates that do not exist, interval keys.
#include "core/date.h"

#include <catch2/catch.hpp>

using annosearch::DatePrecision;
using annosearch::DateRange;
using annosearch::PartialDate;

TEST_CASE("partial dates keep their precision", "[date]") {
  struct Case {
    const char* text;
    DatePrecision precision;
    const char* canonical;
    const char* first;
    const char* last;
  };
  const Case cases[] = {
      {"2021", DatePrecision::kYear, "2021", "20210101", "20211231"},
      {"2021-12", DatePrecision::kMonth, "2021-12", "20211201", "20211231"},
      {"2020-02", DatePrecision::kMonth, "2020-02", "20200201", "20200229"},
      {"2021-12-09", DatePrecision::kDay, "2021-12-09", "20211209", "20211209"},
      {"1987-02-26T15:01:01Z", DatePrecision::kTime, "1987-02-26T15:01:01Z", "19870226",
       "19870226"},
      {"1987-02-26T15:01:01.79+02:00", DatePrecision::kTime, "1987-02-26T15:01:01.79+02:00",
       "19870226", "19870226"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto d = PartialDate::parse(c.text);
    REQUIRE(d.has_value());
    CHECK(d->precision == c.precision);
    CHECK(d->to_string() == c.canonical);
    CHECK(d->first_day_key() == c.first);
    CHECK(d->last_day_key() == c.last);
  }
}

TEST_CASE("dates that do not exist are rejected with a reason", "[date]") {
  const char* bad[] = {"2021-02-30", "2021-13",          "2021-00", "21-12",       "2021/12/01",
                       "2021-12-9",  "2021-12-09T25:00", "",        "2021-12-09x", "2019-02-29"};
  for (const char* text : bad) {
    INFO(text);
    std::string error;
    CHECK_FALSE(PartialDate::parse(text, &error).has_value());
    CHECK_FALSE(error.empty());
  }
  std::string error;
  CHECK_FALSE(PartialDate::parse("2021-02-30", &error));
  CHECK(error == "date 2021-02-30 does not exist");
  CHECK(PartialDate::parse("2020-02-29").has_value());
}

TEST_CASE("date ranges", "[date]") {
  const auto r = DateRange::parse("2021-10-01..2021-10-10");
  REQUIRE(r.has_value());
  CHECK(r->is_range);
  CHECK(r->first_day_key() == "20211001");
  CHECK(r->last_day_key() == "20211010");
  CHECK(r->to_string() == "2021-10-01..2021-10-10");
  const auto single = DateRange::parse("2021-05");
  REQUIRE(single.has_value());
  CHECK_FALSE(single->is_range);
  CHECK(single->last_day_key() == "20210531");
  std::string error;
  CHECK_FALSE(DateRange::parse("2021-10-10..2021-10-01", &error));
  CHECK(error == "range ends before it starts");
}
