// Exact, multi-valued facet counting: Xapian match spies that see every matching unit.
//
// Xapian 1.4's ValueCountMatchSpy counts one value per document; an article with twenty actors must
// count once for each of them, so ListCountSpy reads the list that core/schema.h's encode_list()
// stored in a value slot (kSlotActors, kSlotThemes) and counts each distinct id once per unit.
// Counts are exact only when the match examines every document: run the Enquire with
// get_mset(first, max, db.get_doccount()) (check_at_least = the document count).
//
// These spies run locally only: a database opened from local shards (one Xapian::Database holding
// several) works, but a custom MatchSpy cannot run inside xapian-tcpsrv, whose registry knows only
// Xapian's built-in spies. Remote shards will need another route (counting on each shard server
// and merging), see docs/ARCHITECTURE.md.
//
// Independent of the command line: plain counts in, plain entries out.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace annosearch {

enum class DateBucket { kYear, kMonth, kDay };

// Counts by value for the facet counter: hashed, since every match adds to tens of them (ordered
// maps made string comparisons the actor facet's largest cost); the order is made once, when the
// largest are picked (top_counts). Lookups by string_view need no copy.
struct StringViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
using FacetCountMap = std::unordered_map<std::string, std::size_t, StringViewHash, std::equal_to<>>;

// Adds one to the count of `value`, copying it only the first time it is seen.
inline void add_one(FacetCountMap& counts, std::string_view value) {
  if (const auto it = counts.find(value); it != counts.end()) {
    ++it->second;
  } else {
    counts.emplace(std::string(value), 1);
  }
}

// Counts the ids of an encode_list() value slot, each distinct id once per document.
class ListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ListCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  [[nodiscard]] Xapian::MatchSpy* clone() const override { return new ListCountSpy(slot_); }
  [[nodiscard]] std::string name() const override { return "annosearch.ListCountSpy"; }
  [[nodiscard]] std::string get_description() const override;

  [[nodiscard]] const std::map<std::string, std::size_t>& counts() const { return counts_; }
  // Documents seen (matching units examined).
  [[nodiscard]] std::size_t documents() const { return documents_; }

 private:
  Xapian::valueno slot_;
  std::size_t documents_ = 0;
  std::map<std::string, std::size_t> counts_;
  std::vector<std::string> seen_;  // ids of the current document, reused between calls
};

// Counts the dates of a slot holding a date as known ("2021", "2021-12", "2021-12-09", or a time)
// by bucket. A date lacking the bucket's precision is not counted (a month-only date counts in
// month and year buckets, not in day buckets); an empty value (undated unit) counts nowhere.
class DateBucketSpy : public Xapian::MatchSpy {
 public:
  DateBucketSpy(Xapian::valueno slot, DateBucket bucket) : slot_(slot), bucket_(bucket) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  [[nodiscard]] Xapian::MatchSpy* clone() const override {
    return new DateBucketSpy(slot_, bucket_);
  }
  [[nodiscard]] std::string name() const override { return "annosearch.DateBucketSpy"; }
  [[nodiscard]] std::string get_description() const override;

  [[nodiscard]] const std::map<std::string, std::size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  DateBucket bucket_;
  std::map<std::string, std::size_t> counts_;
};

// The bucket a stored date falls in ("2021-12-09" by month is "2021-12"), or "" when the date is
// not precise enough for the bucket (or empty).
[[nodiscard]] std::string date_bucket(std::string_view date, DateBucket bucket);

struct FacetCount {
  std::string value;
  std::size_t count = 0;
};

// The `size` largest counts (0: all), sorted by count descending then value; values for which
// `keep` returns false are left out first.
[[nodiscard]] std::vector<FacetCount> top_counts(
    const std::map<std::string, std::size_t>& counts, std::size_t size,
    const std::function<bool(const std::string&)>& keep = {});
[[nodiscard]] std::vector<FacetCount> top_counts(
    const FacetCountMap& counts, std::size_t size,
    const std::function<bool(const std::string&)>& keep = {});

// For dates: the `size` largest buckets (0: all; ties: earlier first), returned in date order.
[[nodiscard]] std::vector<FacetCount> top_dates(const std::map<std::string, std::size_t>& counts,
                                                std::size_t size);

}  // namespace annosearch
