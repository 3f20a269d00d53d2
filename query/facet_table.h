// The table of facets: each facet described once (name, where its values come from, how they are
// labelled, the keys of its JSON entry, its heading), and one match spy that counts every
// requested facet in a single pass over the matches. A new facet is one entry of kFacets plus, if
// its values come from a new kind of place, one case in FacetCounter.
//
// Multi-select: with --actor-any / --theme-any, the match runs without those selections and the
// counter gates each facet by the selections of the *other* facets, so the actor facet shows what
// the other actors would add (as shop facets do), while every other facet counts the full
// selection. Salience: `min_mentions` (>= 1) counts an actor in a unit only where the unit's text
// mentions it that many times (the within-document frequency of its XM term); 0 also counts
// document-level annotations. For each actor the counter also records in how many counted units
// the actor came only from a document-level annotation (no mention in the unit).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "query/facets.h"

namespace annosearch {

enum class FacetSourceKind {
  kListSlot,    // an encode_list() value slot (actor, theme)
  kDateSlot,    // a date-as-known value slot, bucketed (date)
  kDateTerms,   // calendar-block terms of a prefix, bucketed (when)
  kTerms,       // the values of a boolean term prefix (source, language)
  kEntityTypes  // the entity types of the unit's actors (type)
};

enum class FacetLabel { kNone, kEntity, kTheme };

struct FacetDef {
  std::string_view name;  // as in --facets and JSON
  FacetSourceKind kind;
  Xapian::valueno slot;        // kListSlot, kDateSlot
  std::string_view prefix;     // kDateTerms, kTerms (a core/schema.h prefix)
  FacetLabel label;            // how values are labelled
  std::string_view value_key;  // JSON key of the value: "id" or "value"
  std::string_view label_key;  // JSON key of the label ("name", "label"), "" for none
  bool typed;                  // entries carry the entity "type"
  std::string_view heading;    // text output heading
  std::string_view help;       // one line for --help and the docs
  [[nodiscard]] bool dated() const {
    return kind == FacetSourceKind::kDateSlot || kind == FacetSourceKind::kDateTerms;
  }
};

// Every facet, in the order `--facets` lists them in help.
[[nodiscard]] const std::vector<FacetDef>& facet_table();
// The facet of that name, or nullptr.
[[nodiscard]] const FacetDef* find_facet(std::string_view name);
// "actor, theme, date, when, source, language and type", for messages.
[[nodiscard]] std::string facet_names();

struct FacetTally {
  FacetCountMap counts;
  std::size_t units = 0;    // units this facet looked at (after multi-select gating)
  std::size_t missing = 0;  // of those, units with no value
  // Actor facet only: per actor, counted units that carry it only by a document-level annotation.
  FacetCountMap document_level;
};

struct FacetCounterConfig {
  std::vector<const FacetDef*> facets;
  DateBucket bucket = DateBucket::kMonth;
  std::size_t min_mentions = 0;  // 0: any annotation counts; N >= 1: N mentions in the unit
  // Entity id -> type (kEntityTypes); "" when unknown.
  std::function<std::string(const std::string&)> entity_type;
  // Multi-select selections (ids; themes match through the stored ancestors).
  std::set<std::string> actor_any;
  std::set<std::string> theme_any;
  // --gold-only: actors, themes, dates mentioned and mention counts from the gold twins
  // (kSlotGoldActors, kSlotGoldThemes, kPrefixGoldWhen, kPrefixGoldMention).
  bool gold_only = false;
};

class FacetCounter : public Xapian::MatchSpy {
 public:
  explicit FacetCounter(FacetCounterConfig config);
  void operator()(const Xapian::Document& doc, double wt) override;
  [[nodiscard]] Xapian::MatchSpy* clone() const override { return new FacetCounter(config_); }
  [[nodiscard]] std::string name() const override { return "annosearch.FacetCounter"; }
  [[nodiscard]] std::string get_description() const override;

  // One tally per configured facet, in order.
  [[nodiscard]] const std::vector<FacetTally>& tallies() const { return tallies_; }
  // Units that meet every selection (the match total under multi-select).
  [[nodiscard]] std::size_t selected_units() const { return selected_; }

 private:
  FacetCounterConfig config_;
  bool need_mentions_;  // the actor facet or --min-mentions reads the mention counts
  std::vector<FacetTally> tallies_;
  std::size_t selected_ = 0;
  // The current unit's mention counts and counted actors: views into its values, reused between
  // calls so that a match allocates nothing but the first sight of a value.
  std::vector<std::pair<std::string_view, std::size_t>> mentions_;
  std::vector<std::string_view> actors_;
};

// The number of mentions of each actor in a document (kSlotMentions, kSlotGoldMentions with
// gold_only: the wdf of its XM and XGM terms).
[[nodiscard]] std::map<std::string, std::size_t> mention_counts(const Xapian::Document& doc,
                                                                bool gold_only = false);

// The buckets from first to last of a date facet, filling those without a count with 0
// ("2021-10", "2021-11", "2021-12" by month; days by the calendar).
[[nodiscard]] std::vector<FacetCount> zero_filled(const std::vector<FacetCount>& sorted_by_date,
                                                  DateBucket bucket);

}  // namespace annosearch
