// Calendar-block terms for dates.
#include "indexer/date_terms.h"

namespace annosearch {

std::vector<std::string> enclosing_blocks(const DateRange& r) {
  std::vector<std::string> out;
  const std::string first = r.first_day_key();  // YYYYMMDD
  const std::string last = r.last_day_key();
  if (first.substr(0, 4) != last.substr(0, 4)) return out;
  out.push_back(first.substr(0, 4));
  const bool whole_year = first.substr(4) == "0101" && last.substr(4) == "1231";
  if (whole_year || first.substr(4, 2) != last.substr(4, 2)) return out;
  out.push_back(first.substr(0, 4) + "-" + first.substr(4, 2));
  const bool whole_month = first.substr(6) == "01" &&
                           std::stoi(last.substr(6)) == days_in_month(std::stoi(last.substr(0, 4)),
                                                                      std::stoi(last.substr(4, 2)));
  if (whole_month || first != last) return out;
  out.push_back(out.back() + "-" + first.substr(6, 2));
  return out;
}

}  // namespace annosearch
