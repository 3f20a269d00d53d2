// Term construction and value-slot list encoding for the index schema.
#include "core/schema.h"

#include <charconv>

namespace annosearch::schema {

namespace {

bool needs_colon(std::string_view prefix, std::string_view value) {
  return prefix.size() > 1 && !value.empty() &&
         ((value[0] >= 'A' && value[0] <= 'Z') || value[0] == ':');
}

}  // namespace

std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  if (needs_colon(prefix, value)) t += ':';
  t += value;
  return t;
}

std::optional<std::string> term_value(std::string_view term, std::string_view prefix) {
  if (term.substr(0, prefix.size()) != prefix) return std::nullopt;
  term.remove_prefix(prefix.size());
  if (prefix.size() > 1 && !term.empty() && term[0] == ':') term.remove_prefix(1);
  return std::string(term);
}

std::string article_uid(std::string_view doc_id) { return term(kPrefixUid, doc_id); }

std::string passage_uid(std::string_view doc_id, int passage) {
  return term(kPrefixUid, doc_id) + '#' + std::to_string(passage);
}

std::optional<UnitId> decode_uid(std::string_view t) {
  auto value = term_value(t, kPrefixUid);
  if (!value || value->empty()) return std::nullopt;
  UnitId id;
  const std::size_t hash = value->find('#');
  if (hash == std::string::npos) {
    id.doc_id = std::move(*value);
    return id;
  }
  int n = 0;
  for (std::size_t i = hash + 1; i < value->size(); ++i) {
    const char c = (*value)[i];
    if (c < '0' || c > '9' || n > 100000000) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n < 1 || hash == 0 || hash + 1 == value->size()) return std::nullopt;
  id.doc_id = value->substr(0, hash);
  id.passage = n;
  return id;
}

std::string doc_term(std::string_view doc_id) { return term(kPrefixDoc, doc_id); }

std::string encode_list(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += '\n';
    out += id;
  }
  return out;
}

std::string encode_counts(const std::map<std::string, std::size_t>& counts) {
  std::string out;
  for (const auto& [id, n] : counts) {
    if (!out.empty()) out += '\n';
    out += id;
    out += '\t';
    out += std::to_string(n);
  }
  return out;
}

std::map<std::string, std::size_t> decode_counts(std::string_view encoded) {
  std::map<std::string, std::size_t> out;
  for_each_count(encoded,
                 [&](std::string_view id, std::size_t n) { out.emplace(std::string(id), n); });
  return out;
}

}  // namespace annosearch::schema
