// Calendar covers of --when ranges, and containment of stored dates.
#include "query/date_cover.h"

#include <catch2/catch.hpp>

using annosearch::calendar_cover;
using annosearch::DateRange;

namespace {

std::string cover(const std::string& range) {
  const auto r = DateRange::parse(range);
  REQUIRE(r);
  std::string out;
  for (const auto& b : calendar_cover(*r)) out += (out.empty() ? "" : " ") + b;
  return out;
}

}  // namespace

TEST_CASE("calendar covers use maximal blocks", "[query][when]") {
  CHECK(cover("2021-11") == "2021-11");
  CHECK(cover("2021") == "2021");
  CHECK(cover("2021-11-28") == "2021-11-28");
  CHECK(cover("2021-11-15..2022-02") ==
        "2021-11-15 2021-11-16 2021-11-17 2021-11-18 2021-11-19 2021-11-20 2021-11-21 2021-11-22 "
        "2021-11-23 2021-11-24 2021-11-25 2021-11-26 2021-11-27 2021-11-28 2021-11-29 2021-11-30 "
        "2021-12 2022-01 2022-02");
  CHECK(cover("2020-12-30..2022-01-02") == "2020-12-30 2020-12-31 2021 2022-01-01 2022-01-02");
  CHECK(cover("2019..2021-03") == "2019 2020 2021-01 2021-02 2021-03");
  CHECK(cover("2021-01..2021-12") == "2021");
  CHECK(cover("2024-02-27..2024-03-01") == "2024-02-27 2024-02-28 2024-02-29 2024-03-01");
  CHECK(cover("2021-10-01..2021-10-31") == "2021-10");
}

TEST_CASE("date_within is interval containment", "[query][when]") {
  const auto nov = *DateRange::parse("2021-11");
  CHECK(annosearch::date_within("2021-11-28", nov));
  CHECK(annosearch::date_within("2021-11", nov));
  CHECK_FALSE(annosearch::date_within("2021", nov));
  CHECK_FALSE(annosearch::date_within("2021-10-25..2021-11-05", nov));
  CHECK(annosearch::date_within("2021-11-01..2021-11-05", nov));
  CHECK_FALSE(annosearch::date_within("not a date", nov));
}
