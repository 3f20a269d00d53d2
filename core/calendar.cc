// Calendar blocks (see calendar.h).
#include "core/calendar.h"

#include <cstdio>

namespace annosearch {
namespace {

struct Day {
  int y = 0;
  int m = 0;
  int d = 0;
  [[nodiscard]] long key() const { return (y * 100L + m) * 100L + d; }
};

Day first_day(const PartialDate& p) {
  return {p.year, p.month == 0 ? 1 : p.month, p.day == 0 ? 1 : p.day};
}

Day last_day(const PartialDate& p) {
  const int m = p.month == 0 ? 12 : p.month;
  return {p.year, m, p.day == 0 ? days_in_month(p.year, m) : p.day};
}

}  // namespace

std::string calendar_block(int year, int month, int day) {
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

std::vector<std::string> enclosing_blocks(const DateRange& r) {
  std::vector<std::string> out;
  const Day first = first_day(r.from);
  const Day last = last_day(r.to);
  if (first.y != last.y) return out;
  out.push_back(calendar_block(first.y));
  const bool whole_year = first.m == 1 && first.d == 1 && last.m == 12 && last.d == 31;
  if (whole_year || first.m != last.m) return out;
  out.push_back(calendar_block(first.y, first.m));
  const bool whole_month = first.d == 1 && last.d == days_in_month(last.y, last.m);
  if (whole_month || first.d != last.d) return out;
  out.push_back(calendar_block(first.y, first.m, first.d));
  return out;
}

std::vector<std::string> calendar_cover(const DateRange& range) {
  std::vector<std::string> out;
  Day cur = first_day(range.from);
  const Day last = last_day(range.to);
  while (cur.key() <= last.key()) {
    if (cur.m == 1 && cur.d == 1 && Day{cur.y, 12, 31}.key() <= last.key()) {
      out.push_back(calendar_block(cur.y));
      cur = {cur.y + 1, 1, 1};
    } else if (cur.d == 1 && Day{cur.y, cur.m, days_in_month(cur.y, cur.m)}.key() <= last.key()) {
      out.push_back(calendar_block(cur.y, cur.m));
      cur = cur.m == 12 ? Day{cur.y + 1, 1, 1} : Day{cur.y, cur.m + 1, 1};
    } else {
      out.push_back(calendar_block(cur.y, cur.m, cur.d));
      if (cur.d < days_in_month(cur.y, cur.m)) {
        ++cur.d;
      } else {
        cur = cur.m == 12 ? Day{cur.y + 1, 1, 1} : Day{cur.y, cur.m + 1, 1};
      }
    }
  }
  return out;
}

}  // namespace annosearch
