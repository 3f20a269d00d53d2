// Dates with a precision: a publication date known to the year, month, day or second, and the date
// ranges that date expressions in a text normalise to.
//
// A partial date stands for an interval of days: 2021-12 is 2021-12-01..2021-12-31. Filters compare
// intervals (containment), facets bucket by the precision that is known.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace annosearch {

enum class DatePrecision { kYear, kMonth, kDay, kTime };

struct PartialDate {
  int year = 0;
  int month = 0;  // 0 when unknown
  int day = 0;    // 0 when unknown
  DatePrecision precision = DatePrecision::kYear;
  std::string time;  // the ISO 8601 time part as written ("T14:30:00Z"), only for kTime

  // Parses YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm]. Returns nullopt and
  // sets *error (if given) for malformed or non-existent dates such as 2021-02-30.
  static std::optional<PartialDate> parse(std::string_view text, std::string* error = nullptr);

  // The canonical form: as parsed, with the precision it has (2021, 2021-12, 2021-12-09, or the
  // time).
  [[nodiscard]] std::string to_string() const;
  // The first and last day the date may stand for, as sortable keys "YYYYMMDD".
  [[nodiscard]] std::string first_day_key() const;
  [[nodiscard]] std::string last_day_key() const;

  friend bool operator==(const PartialDate& a, const PartialDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day && a.precision == b.precision &&
           a.time == b.time;
  }
};

// A date or an inclusive range of dates ("2021-10-01..2021-10-10"); a single date is a range from
// itself to itself.
struct DateRange {
  PartialDate from;
  PartialDate to;
  bool is_range = false;

  // Parses "DATE" or "DATE..DATE" (from <= to). Returns nullopt and sets *error if malformed.
  static std::optional<DateRange> parse(std::string_view text, std::string* error = nullptr);

  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] std::string first_day_key() const { return from.first_day_key(); }
  [[nodiscard]] std::string last_day_key() const { return to.last_day_key(); }
};

[[nodiscard]] int days_in_month(int year, int month);

}  // namespace annosearch
