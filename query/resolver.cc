// Actor and theme resolution against the registry and taxonomy stored in the index.
#include "query/resolver.h"

#include <algorithm>
#include <map>
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
    if (name_key(alias) == key || latin_key(alias) == key) return alias;
  }
  return key;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

ActorResolver::ActorResolver(const RegistryView& registry) : registry_(registry) {}

std::vector<std::string> ActorResolver::also_named(const std::string& input,
                                                   const std::string& except) const {
  std::vector<std::string> out;
  const std::string key = name_key(input);
  for (const auto& ids : {registry_.by_name(key), registry_.by_alias(key)}) {
    for (const auto& id : ids) {
      if (id != except && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
  }
  return out;
}

Resolution ActorResolver::resolve(const std::string& input) const {
  if (registry_.find(input) != nullptr) return {input, input, "id", {}};
  const std::string key = name_key(input);
  const std::string latin = latin_key(input);
  std::vector<std::string> translit;
  for (const auto& ids :
       {registry_.by_name(latin), registry_.by_alias(latin), registry_.by_latin(latin)}) {
    for (const auto& id : ids) {
      if (std::find(translit.begin(), translit.end(), id) == translit.end()) translit.push_back(id);
    }
  }
  std::sort(translit.begin(), translit.end());
  const std::pair<const char*, std::vector<std::string>> tiers[] = {
      {"name", registry_.by_name(key)},
      {"alias", registry_.by_alias(key)},
      {"transliteration", translit}};
  for (const auto& [via, ids] : tiers) {
    if (ids.empty()) continue;
    if (ids.size() == 1) return {input, ids.front(), via, {}};
    std::string message = quoted(input) + " is ambiguous: ";
    std::vector<ErrorCandidate> candidates;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const Entity& e = *registry_.find(ids[i]);
      candidates.push_back({e.id, e.name, e.type});
      if (i > 0) message += ", ";
      message += e.id + " (" + e.type + ", " +
                 (std::string(via) == "name" ? e.name
                  : std::string(via) == "alias"
                      ? "alias " + matching_alias(e, key)
                      : "transliterated " +
                            (latin_key(e.name) == latin ? e.name : matching_alias(e, latin))) +
                 ")";
    }
    throw Error(ErrorKind::kUsage, "ambiguous_actor", message + "; use an id",
                std::move(candidates));
  }
  std::string message =
      "unknown actor " + quoted(input) + ": no entity id, name, alias or transliteration matches";
  const auto close = closest(input);
  std::vector<ErrorCandidate> candidates;
  candidates.reserve(close.size());
  for (const auto& c : close) candidates.push_back({c.entity->id, c.entity->name, c.entity->type});
  if (close.empty()) {
    message += " and nothing is close; list entities with `annosearch entities NAME`";
  } else {
    message += "; close: ";
    for (std::size_t i = 0; i < close.size(); ++i) {
      if (i > 0) message += ", ";
      const Entity& e = *close[i].entity;
      message += e.id + " (" + e.type + ", " + e.name + ")";
    }
    message += "; use one of these ids, or see `annosearch entities " + input + "`";
  }
  throw Error(ErrorKind::kUsage, "unknown_actor", message, std::move(candidates));
}

std::vector<ActorResolver::Candidate> ActorResolver::closest(const std::string& input,
                                                             std::size_t max) const {
  const std::string key = name_key(input);
  if (key.empty()) return {};
  const std::string latin = latin_key(input);
  // (rank, distance, id) -> candidate; rank 0 prefix, 1 substring, 2 close spelling.
  struct Found {
    int rank = 3;
    std::size_t distance = 0;
    Candidate candidate;
  };
  std::map<std::string, Found> best;
  const auto consider = [&](const std::string& stored, const std::vector<std::string>& ids) {
    for (const auto* wanted : {&key, &latin}) {
      const std::u32string wanted32 = to_u32(*wanted);
      const bool through_latin = wanted == &latin && latin != key;
      if (through_latin && wanted->empty()) continue;
      int rank = 3;
      std::size_t distance = 0;
      if (stored.compare(0, wanted->size(), *wanted) == 0) {
        rank = 0;
      } else if (stored.find(*wanted) != std::string::npos) {
        rank = 1;
      } else if (wanted32.size() >= 4) {
        distance = edit_distance(wanted32, to_u32(stored), 2);
        if (distance <= 2) rank = 2;
      }
      if (rank == 3) continue;
      for (const auto& id : ids) {
        Found& f = best[id];
        if (rank < f.rank || (rank == f.rank && distance < f.distance)) {
          const char* via = rank == 0 ? "prefix" : rank == 1 ? "substring" : "spelling";
          f = {rank,
               distance,
               {nullptr, std::string(via) + (through_latin ? "+transliteration" : ""), stored}};
        }
      }
    }
  };
  const auto visit = [&](RegistryView::Table, const std::string& stored,
                         const std::vector<std::string>& ids) {
    consider(stored, ids);
    return true;
  };
  if (registry_.size() <= kFullScanEntities) {
    registry_.scan("", 0, visit);
  } else {
    // Keys sharing the first character of the input (or of its Latin form), bounded.
    for (const auto* wanted : {&key, &latin}) {
      if (wanted->empty() || (wanted == &latin && latin == key)) continue;
      std::size_t first = 1;
      while (first < wanted->size() &&
             (static_cast<unsigned char>((*wanted)[first]) & 0xC0U) == 0x80U) {
        ++first;
      }
      registry_.scan(wanted->substr(0, first), kMaxScannedKeys, visit);
    }
  }
  std::vector<std::tuple<int, std::size_t, std::string>> order;
  order.reserve(best.size());
  for (const auto& [id, f] : best) order.emplace_back(f.rank, f.distance, id);
  std::sort(order.begin(), order.end());
  std::vector<Candidate> out;
  for (const auto& [rank, distance, id] : order) {
    if (out.size() >= max) break;
    const Entity* e = registry_.find(id);
    if (e == nullptr) continue;
    Candidate c = best[id].candidate;
    c.entity = e;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<const Entity*> ActorResolver::candidates(const std::string& input,
                                                     std::size_t max) const {
  std::vector<const Entity*> out;
  for (const auto& c : closest(input, max)) out.push_back(c.entity);
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
  for (const auto& [relation, other] : registry_.named_by(id)) {
    if (other != id) out.emplace(other, relation);
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
    std::vector<ErrorCandidate> candidates;
    for (std::size_t i = 0; i < it->second.size(); ++i) {
      message += (i ? ", " : "") + it->second[i];
      const Theme* t = taxonomy_.find(it->second[i]);
      candidates.push_back({it->second[i], t != nullptr ? t->label : "", ""});
    }
    throw Error(ErrorKind::kUsage, "ambiguous_theme", message + "; use an id",
                std::move(candidates));
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
  std::vector<ErrorCandidate> candidates;
  for (std::size_t i = 0; i < close.size() && i < 5; ++i) {
    const Theme* t = taxonomy_.find(close[i]);
    candidates.push_back({close[i], t != nullptr ? t->label : "", ""});
  }
  throw Error(ErrorKind::kUsage, "unknown_theme", message, std::move(candidates));
}

}  // namespace annosearch
