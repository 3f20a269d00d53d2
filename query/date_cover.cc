// Containment of stored date values in a query range.
#include "query/date_cover.h"

namespace annosearch {

bool date_within(const std::string& value, const DateRange& range) {
  const auto v = DateRange::parse(value);
  if (!v) return false;
  return v->first_day_key() >= range.first_day_key() && v->last_day_key() <= range.last_day_key();
}

}  // namespace annosearch
