// Parsing and formatting of partial dates and date ranges.
#include "core/date.h"

#include <cstdio>

namespace annosearch {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at text[pos]; returns -1 if they are not all digits.
int read_digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool fail(std::string* error, const std::string& message) {
  if (error != nullptr) *error = message;
  return false;
}

// Checks the time part "Thh:mm[:ss[.fff]][Z|(+|-)hh:mm]".
bool valid_time(std::string_view t, std::string* error) {
  std::size_t i = 1;  // after 'T'
  const int hh = read_digits(t, i, 2);
  if (hh < 0 || hh > 23 || i + 2 >= t.size() || t[i + 2] != ':') {
    return fail(error, "bad time of day (expected Thh:mm)");
  }
  const int mi = read_digits(t, i + 3, 2);
  if (mi < 0 || mi > 59) return fail(error, "bad minutes in the time of day");
  i += 5;
  if (i < t.size() && t[i] == ':') {
    const int ss = read_digits(t, i + 1, 2);
    if (ss < 0 || ss > 60) return fail(error, "bad seconds in the time of day");
    i += 3;
    if (i < t.size() && t[i] == '.') {
      ++i;
      const std::size_t start = i;
      while (i < t.size() && is_digit(t[i])) ++i;
      if (i == start) return fail(error, "bad fraction of a second");
    }
  }
  if (i == t.size()) return true;
  if (t[i] == 'Z' && i + 1 == t.size()) return true;
  if ((t[i] == '+' || t[i] == '-') && i + 6 == t.size() && t[i + 3] == ':') {
    const int oh = read_digits(t, i + 1, 2);
    const int om = read_digits(t, i + 4, 2);
    if (oh >= 0 && oh <= 14 && om >= 0 && om <= 59) return true;
  }
  return fail(error, "bad time zone (expected Z or +hh:mm)");
}

std::string key(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

}  // namespace

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<PartialDate> PartialDate::parse(std::string_view text, std::string* error) {
  PartialDate d;
  d.year = read_digits(text, 0, 4);
  if (d.year < 0) {
    fail(error, "expected a date YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 time");
    return std::nullopt;
  }
  if (text.size() == 4) return d;
  if (text[4] != '-' || (d.month = read_digits(text, 5, 2)) < 0) {
    fail(error, "expected a date YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 time");
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12) {
    fail(error, "month " + std::to_string(d.month) + " does not exist");
    return std::nullopt;
  }
  d.precision = DatePrecision::kMonth;
  if (text.size() == 7) return d;
  if (text[7] != '-' || (d.day = read_digits(text, 8, 2)) < 0) {
    fail(error, "expected a date YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 time");
    return std::nullopt;
  }
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    fail(error, "date " + std::string(text.substr(0, 10)) + " does not exist");
    return std::nullopt;
  }
  d.precision = DatePrecision::kDay;
  if (text.size() == 10) return d;
  const std::string_view t = text.substr(10);
  if (t[0] != 'T' && t[0] != ' ') {
    fail(error, "unexpected text after the date");
    return std::nullopt;
  }
  if (!valid_time(t, error)) return std::nullopt;
  d.precision = DatePrecision::kTime;
  d.time = std::string(t);
  d.time[0] = 'T';
  return d;
}

std::string PartialDate::to_string() const {
  char buf[16];
  switch (precision) {
    case DatePrecision::kYear:
      std::snprintf(buf, sizeof buf, "%04d", year);
      return buf;
    case DatePrecision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      return buf;
    case DatePrecision::kDay:
    case DatePrecision::kTime:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      return precision == DatePrecision::kTime ? buf + time : std::string(buf);
  }
  return {};
}

std::string PartialDate::first_day_key() const {
  return key(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
}

std::string PartialDate::last_day_key() const {
  const int m = month == 0 ? 12 : month;
  return key(year, m, day == 0 ? days_in_month(year, m) : day);
}

std::optional<DateRange> DateRange::parse(std::string_view text, std::string* error) {
  DateRange r;
  const std::size_t dots = text.find("..");
  const auto from = PartialDate::parse(text.substr(0, dots), error);
  if (!from) return std::nullopt;
  r.from = *from;
  r.to = *from;
  if (dots == std::string_view::npos) return r;
  const auto to = PartialDate::parse(text.substr(dots + 2), error);
  if (!to) return std::nullopt;
  r.to = *to;
  r.is_range = true;
  if (r.to.last_day_key() < r.from.first_day_key()) {
    fail(error, "range ends before it starts");
    return std::nullopt;
  }
  return r;
}

std::string DateRange::to_string() const {
  return is_range ? from.to_string() + ".." + to.to_string() : from.to_string();
}

}  // namespace annosearch
