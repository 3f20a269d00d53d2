// Term construction and value-slot list encoding for the index schema.
#include "core/schema.h"

namespace annosearch::schema {

std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  if (prefix.size() > 1 && !value.empty() && value[0] >= 'A' && value[0] <= 'Z') t += ':';
  t += value;
  return t;
}

std::string encode_list(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += '\n';
    out += id;
  }
  return out;
}

}  // namespace annosearch::schema
