// The facet table and the one-pass facet counter.
#include "query/facet_table.h"

#include <algorithm>
#include <cstdio>

#include "core/date.h"
#include "core/schema.h"

namespace annosearch {
namespace {

namespace sc = schema;

// The value of a prefixed term ("XSOURCEreuters" -> "reuters"; Omega's ':' dropped).
std::string_view term_value(std::string_view term, std::string_view prefix) {
  term.remove_prefix(prefix.size());
  if (!term.empty() && term.front() == ':') term.remove_prefix(1);
  return term;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::size_t bucket_length(DateBucket bucket) {
  switch (bucket) {
    case DateBucket::kYear:
      return 4;
    case DateBucket::kMonth:
      return 7;
    case DateBucket::kDay:
      return 10;
  }
  return 7;
}

}  // namespace

const std::vector<FacetDef>& facet_table() {
  static const std::vector<FacetDef> kFacets{
      {"actor", FacetSourceKind::kListSlot, sc::kSlotActors, "", FacetLabel::kEntity, "id", "name",
       true, "Actors", "entities annotated on the unit (registry name and type)"},
      {"theme", FacetSourceKind::kListSlot, sc::kSlotThemes, "", FacetLabel::kTheme, "id", "label",
       false, "Themes", "themes of the unit, a theme counting for its ancestors too"},
      {"date", FacetSourceKind::kDateSlot, sc::kSlotDate, "", FacetLabel::kNone, "value", "", false,
       "Dates", "publication date, by --date-buckets"},
      {"when", FacetSourceKind::kDateTerms, 0, sc::kPrefixWhen, FacetLabel::kNone, "value", "",
       false, "Dates mentioned", "dates mentioned in the text, by --date-buckets"},
      {"source", FacetSourceKind::kTerms, 0, sc::kPrefixSource, FacetLabel::kNone, "value", "",
       false, "Sources", "the document's source (folded to lower case)"},
      {"language", FacetSourceKind::kTerms, 0, sc::kPrefixLanguage, FacetLabel::kNone, "value", "",
       false, "Languages", "the document's language"},
      {"type", FacetSourceKind::kEntityTypes, sc::kSlotActors, "", FacetLabel::kNone, "value", "",
       false, "Entity types", "entity types of the unit's actors (a unit counts once per type)"},
  };
  return kFacets;
}

const FacetDef* find_facet(std::string_view name) {
  for (const auto& f : facet_table()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string facet_names() {
  std::string out;
  const auto& t = facet_table();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i > 0) out += i + 1 == t.size() ? " and " : ", ";
    out += t[i].name;
  }
  return out;
}

std::map<std::string, std::size_t> mention_counts(const Xapian::Document& doc, bool gold_only) {
  // One value, not the unit's term list (which Xapian stores compressed: reading it for every
  // match made the actor facet cost 30 us a unit).
  return sc::decode_counts(doc.get_value(gold_only ? sc::kSlotGoldMentions : sc::kSlotMentions));
}

namespace {

// The slot or prefix a facet reads: its gold twin under --gold-only.
Xapian::valueno facet_slot(const FacetDef& f, bool gold_only) {
  if (!gold_only) return f.slot;
  if (f.slot == sc::kSlotActors) return sc::kSlotGoldActors;
  if (f.slot == sc::kSlotThemes) return sc::kSlotGoldThemes;
  return f.slot;
}

std::string_view facet_prefix(const FacetDef& f, bool gold_only) {
  if (gold_only && f.prefix == sc::kPrefixWhen) return sc::kPrefixGoldWhen;
  return f.prefix;
}

}  // namespace

FacetCounter::FacetCounter(FacetCounterConfig config)
    : config_(std::move(config)),
      need_mentions_(config_.min_mentions > 0 ||
                     std::any_of(config_.facets.begin(), config_.facets.end(),
                                 [](const FacetDef* f) { return f->name == "actor"; })),
      tallies_(config_.facets.size()) {}

void FacetCounter::operator()(const Xapian::Document& doc, double /*wt*/) {
  // The unit's actors as counted (salience applied) and how each is carried. The views below
  // point into these two values, which live until the end of the call.
  const std::string actor_list =
      doc.get_value(config_.gold_only ? sc::kSlotGoldActors : sc::kSlotActors);
  const std::string mention_list =
      need_mentions_ ? doc.get_value(config_.gold_only ? sc::kSlotGoldMentions : sc::kSlotMentions)
                     : std::string();
  mentions_.clear();
  sc::for_each_count(mention_list,
                     [&](std::string_view id, std::size_t n) { mentions_.emplace_back(id, n); });
  // Lists are short (tens of ids): linear scans beat sets here.
  const auto mention = [&](std::string_view id) {
    return std::find_if(mentions_.begin(), mentions_.end(),
                        [&](const auto& m) { return m.first == id; });
  };
  actors_.clear();
  sc::for_each_in_list(actor_list, [&](std::string_view id) {
    if (id.empty()) return;
    if (config_.min_mentions > 0) {
      const auto it = mention(id);
      if (it == mentions_.end() || it->second < config_.min_mentions) return;
    }
    if (std::find(actors_.begin(), actors_.end(), id) == actors_.end()) actors_.push_back(id);
  });
  const std::string theme_list =
      doc.get_value(config_.gold_only ? sc::kSlotGoldThemes : sc::kSlotThemes);

  bool actor_ok = config_.actor_any.empty();
  for (const auto a : actors_) actor_ok = actor_ok || config_.actor_any.count(std::string(a)) != 0;
  bool theme_ok = config_.theme_any.empty();
  if (!theme_ok) {
    sc::for_each_in_list(theme_list, [&](std::string_view id) {
      theme_ok = theme_ok || config_.theme_any.count(std::string(id)) != 0;
    });
  }
  if (actor_ok && theme_ok) ++selected_;

  for (std::size_t i = 0; i < config_.facets.size(); ++i) {
    const FacetDef& f = *config_.facets[i];
    // A facet ignores its own selection, obeys the others.
    const bool own_actor = f.name == "actor";
    const bool own_theme = f.name == "theme";
    if (!(actor_ok || own_actor) || !(theme_ok || own_theme)) continue;
    FacetTally& tally = tallies_[i];
    ++tally.units;
    std::size_t values = 0;
    const auto count = [&](std::string_view v) {
      add_one(tally.counts, v);
      ++values;
    };
    switch (f.kind) {
      case FacetSourceKind::kListSlot:
        if (own_actor) {
          for (const auto a : actors_) {
            count(a);
            if (mention(a) == mentions_.end()) add_one(tally.document_level, a);
          }
        } else {
          // The themes' list, already read above, is not read again.
          const Xapian::valueno slot = facet_slot(f, config_.gold_only);
          const bool themes = slot == (config_.gold_only ? sc::kSlotGoldThemes : sc::kSlotThemes);
          const std::string other = themes ? std::string() : doc.get_value(slot);
          const std::string& list = themes ? theme_list : other;
          std::vector<std::string_view> seen;
          sc::for_each_in_list(list, [&](std::string_view id) {
            if (id.empty() || std::find(seen.begin(), seen.end(), id) != seen.end()) return;
            seen.push_back(id);
            count(id);
          });
        }
        break;
      case FacetSourceKind::kDateSlot: {
        const std::string key = date_bucket(doc.get_value(f.slot), config_.bucket);
        if (!key.empty()) count(key);
        break;
      }
      case FacetSourceKind::kDateTerms:
      case FacetSourceKind::kTerms: {
        const std::string_view prefix = facet_prefix(f, config_.gold_only);
        auto t = doc.termlist_begin();
        t.skip_to(std::string(prefix));
        for (; t != doc.termlist_end(); ++t) {
          const std::string term = *t;
          if (!starts_with(term, prefix)) break;
          // Another prefix that starts with this one ("L" and a later "LX..."): not ours.
          const char first = term.size() > prefix.size() ? term[prefix.size()] : '\0';
          if (first >= 'A' && first <= 'Z') continue;
          const std::string_view v = term_value(term, prefix);
          if (f.kind == FacetSourceKind::kDateTerms && v.size() != bucket_length(config_.bucket)) {
            continue;
          }
          count(v);
        }
        break;
      }
      case FacetSourceKind::kEntityTypes: {
        std::set<std::string> types;
        for (const auto a : actors_) {
          std::string type =
              config_.entity_type ? config_.entity_type(std::string(a)) : std::string();
          if (!type.empty()) types.insert(std::move(type));
        }
        for (const auto& t : types) count(t);
        break;
      }
    }
    if (values == 0) ++tally.missing;
  }
}

std::string FacetCounter::get_description() const {
  return "annosearch::FacetCounter(" + std::to_string(config_.facets.size()) + " facets)";
}

std::vector<FacetCount> zero_filled(const std::vector<FacetCount>& sorted, DateBucket bucket) {
  if (sorted.size() < 2) return sorted;
  std::map<std::string, std::size_t> have;
  for (const auto& c : sorted) have[c.value] = c.count;
  std::vector<FacetCount> out;
  int y = std::stoi(sorted.front().value.substr(0, 4));
  int m = bucket == DateBucket::kYear ? 1 : std::stoi(sorted.front().value.substr(5, 2));
  int d = bucket == DateBucket::kDay ? std::stoi(sorted.front().value.substr(8, 2)) : 1;
  const std::string& last = sorted.back().value;
  for (;;) {
    char buf[16];
    if (bucket == DateBucket::kYear) {
      std::snprintf(buf, sizeof buf, "%04d", y);
    } else if (bucket == DateBucket::kMonth) {
      std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    }
    const std::string key = buf;
    const auto it = have.find(key);
    out.push_back({key, it == have.end() ? 0 : it->second});
    if (key >= last) break;
    if (bucket == DateBucket::kYear) {
      ++y;
    } else if (bucket == DateBucket::kMonth) {
      if (++m > 12) {
        m = 1;
        ++y;
      }
    } else if (++d > days_in_month(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
  return out;
}

}  // namespace annosearch
