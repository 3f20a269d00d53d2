// Canonical calendar covers of date ranges.
#include "query/date_cover.h"

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

std::string format(int y, int m = 0, int d = 0) {
  char buf[16];
  if (m == 0) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

}  // namespace

std::vector<std::string> calendar_cover(const DateRange& range) {
  std::vector<std::string> out;
  Day cur = first_day(range.from);
  const Day last = last_day(range.to);
  while (cur.key() <= last.key()) {
    if (cur.m == 1 && cur.d == 1 && Day{cur.y, 12, 31}.key() <= last.key()) {
      out.push_back(format(cur.y));
      cur = {cur.y + 1, 1, 1};
    } else if (cur.d == 1 && Day{cur.y, cur.m, days_in_month(cur.y, cur.m)}.key() <= last.key()) {
      out.push_back(format(cur.y, cur.m));
      cur = cur.m == 12 ? Day{cur.y + 1, 1, 1} : Day{cur.y, cur.m + 1, 1};
    } else {
      out.push_back(format(cur.y, cur.m, cur.d));
      if (cur.d < days_in_month(cur.y, cur.m)) {
        ++cur.d;
      } else {
        cur = cur.m == 12 ? Day{cur.y + 1, 1, 1} : Day{cur.y, cur.m + 1, 1};
      }
    }
  }
  return out;
}

bool date_within(const std::string& value, const DateRange& range) {
  const auto v = DateRange::parse(value);
  if (!v) return false;
  return v->first_day_key() >= range.first_day_key() && v->last_day_key() <= range.last_day_key();
}

}  // namespace annosearch
