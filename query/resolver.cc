// Actor and theme resolution against the registry and taxonomy stored in the index.
#include "query/resolver.h"

#include <algorithm>
#include <tuple>

#include "core/analysis.h"
#include "core/error.h"

namespace annosearch {
namespace {

// Code points of a UTF-8 string (invalid bytes become one code point each), for edit distance.
std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    char32_t cp = c;
    if (c >= 0xF0 && i + 3 < s.size()) {
      len = 4;
      cp = c & 0x07U;
    } else if (c >= 0xE0 && i + 2 < s.size()) {
      len = 3;
      cp = c & 0x0FU;
    } else if (c >= 0xC0 && i + 1 < s.size()) {
      len = 2;
      cp = c & 0x1FU;
    }
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// Levenshtein distance, or limit + 1 once it is certain to exceed `limit`.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > limit) return limit + 1;
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void add_key(std::map<std::string, std::vector<std::string>>& index, const std::string& text,
             const std::string& id) {
  const std::string key = name_key(text);
  if (key.empty()) return;
  auto& ids = index[key];
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// The alias of `e` whose key is `key` (for messages), or the key itself.
std::string matching_alias(const Entity& e, const std::string& key) {
  for (const auto& alias : e.aliases) {
    if (name_key(alias) == key) return alias;
  }
  return key;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

std::string name_key(std::string_view text) {
  const std::string folded = fold(text);
  std::string out;
  bool space = false;
  for (const char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

ActorResolver::ActorResolver(const Registry& registry) : registry_(registry) {
  for (const auto& [id, e] : registry_.entities()) {
    add_key(by_name_, e.name, id);
    for (const auto& alias : e.aliases) add_key(by_alias_, alias, id);
  }
}

std::vector<std::string> ActorResolver::also_named(const std::string& input,
                                                   const std::string& except) const {
  std::vector<std::string> out;
  const std::string key = name_key(input);
  for (const auto* table : {&by_name_, &by_alias_}) {
    const auto it = table->find(key);
    if (it == table->end()) continue;
    for (const auto& id : it->second) {
      if (id != except && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
  }
  return out;
}

Resolution ActorResolver::resolve(const std::string& input) const {
  if (registry_.find(input) != nullptr) return {input, input, "id", {}};
  const std::string key = name_key(input);
  for (const auto* tier : {&by_name_, &by_alias_}) {
    const auto it = tier->find(key);
    if (it == tier->end()) continue;
    const bool by_name = tier == &by_name_;
    if (it->second.size() == 1) return {input, it->second.front(), by_name ? "name" : "alias", {}};
    std::string message = quoted(input) + " is ambiguous: ";
    for (std::size_t i = 0; i < it->second.size(); ++i) {
      const Entity& e = *registry_.find(it->second[i]);
      if (i > 0) message += ", ";
      message += e.id + " (" + e.type + ", " +
                 (by_name ? e.name : "alias " + matching_alias(e, key)) + ")";
    }
    throw Error(ErrorKind::kUsage, message + "; use an id");
  }
  std::string message = "unknown actor " + quoted(input) + ": no entity id, name or alias matches";
  const auto close = candidates(input);
  if (close.empty()) {
    message += " and nothing is close; check the spelling against the registry (entities.jsonl)";
  } else {
    message += "; close: ";
    for (std::size_t i = 0; i < close.size(); ++i) {
      if (i > 0) message += ", ";
      message += close[i]->id + " (" + close[i]->type + ", " + close[i]->name + ")";
    }
    message += "; use one of these ids";
  }
  throw Error(ErrorKind::kUsage, message);
}

std::vector<const Entity*> ActorResolver::candidates(const std::string& input,
                                                     std::size_t max) const {
  const std::string key = name_key(input);
  if (key.empty()) return {};
  const std::u32string key32 = to_u32(key);
  // (rank, distance, id): rank 0 prefix, 1 substring, 2 close spelling.
  std::vector<std::tuple<int, std::size_t, const Entity*>> found;
  for (const auto& [id, e] : registry_.entities()) {
    int best_rank = 3;
    std::size_t best_distance = 0;
    std::vector<std::string> keys{name_key(e.name), name_key(e.id)};
    for (const auto& alias : e.aliases) keys.push_back(name_key(alias));
    for (const auto& k : keys) {
      int rank = 3;
      std::size_t distance = 0;
      if (k.compare(0, key.size(), key) == 0) {
        rank = 0;
      } else if (k.find(key) != std::string::npos) {
        rank = 1;
      } else if (key32.size() >= 4) {
        distance = edit_distance(key32, to_u32(k), 2);
        if (distance <= 2) rank = 2;
      }
      if (rank < best_rank || (rank == best_rank && distance < best_distance)) {
        best_rank = rank;
        best_distance = distance;
      }
    }
    if (best_rank < 3) found.emplace_back(best_rank, best_distance, &e);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)->id) <
           std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b)->id);
  });
  std::vector<const Entity*> out;
  for (const auto& f : found) {
    if (out.size() >= max) break;
    out.push_back(std::get<2>(f));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ActorResolver::related(
    const std::string& id) const {
  std::map<std::string, std::string> out;
  if (const Entity* e = registry_.find(id); e != nullptr) {
    for (const auto& r : e->related) {
      if (r.relation == "located-in" || r.relation == "member-of") continue;  // broader
      if (r.id != id && registry_.find(r.id) != nullptr) out.emplace(r.id, r.relation);
    }
  }
  for (const auto& [other, e] : registry_.entities()) {
    for (const auto& r : e.related) {
      if (r.id == id && other != id) out.emplace(other, r.relation);
    }
  }
  return {out.begin(), out.end()};
}

ThemeResolver::ThemeResolver(const Taxonomy& taxonomy) : taxonomy_(taxonomy) {
  for (const auto& [id, t] : taxonomy_.themes()) add_key(by_label_, t.label, id);
}

Resolution ThemeResolver::resolve(const std::string& input) const {
  if (taxonomy_.find(input) != nullptr) return {input, input, "id", {}};
  const std::string key = name_key(input);
  if (const auto it = by_label_.find(key); it != by_label_.end()) {
    if (it->second.size() == 1) return {input, it->second.front(), "label", {}};
    std::string message = "theme " + quoted(input) + " is ambiguous: ";
    for (std::size_t i = 0; i < it->second.size(); ++i) message += (i ? ", " : "") + it->second[i];
    throw Error(ErrorKind::kUsage, message + "; use an id");
  }
  std::vector<std::string> close;
  for (const auto& [id, t] : taxonomy_.themes()) {
    if (!key.empty() && (name_key(id).find(key) != std::string::npos ||
                         name_key(t.label).find(key) != std::string::npos)) {
      close.push_back(id);
    }
  }
  std::string message = "unknown theme " + quoted(input) + ": not a theme id or label";
  if (close.empty()) {
    message += "; the themes are:";
    std::size_t n = 0;
    for (const auto& [id, t] : taxonomy_.themes()) {
      if (n++ == 20) {
        message += " ...";
        break;
      }
      message += " " + id;
    }
  } else {
    message += "; close:";
    for (std::size_t i = 0; i < close.size() && i < 5; ++i) message += " " + close[i];
  }
  throw Error(ErrorKind::kUsage, message);
}

}  // namespace annosearch
