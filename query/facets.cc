// Multi-valued facet counting.
#include "query/facets.h"

#include <algorithm>

#include "core/schema.h"

namespace annosearch {

void ListCountSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
  ++documents_;
  const std::string value = doc.get_value(slot_);
  seen_.clear();
  schema::for_each_in_list(value, [&](std::string_view id) {
    if (id.empty()) return;
    // Lists are short (tens of ids): a linear scan beats a set here.
    if (std::find(seen_.begin(), seen_.end(), id) != seen_.end()) return;
    seen_.emplace_back(id);
    ++counts_[seen_.back()];
  });
}

std::string ListCountSpy::get_description() const {
  return "annosearch::ListCountSpy(slot " + std::to_string(slot_) + ", " +
         std::to_string(counts_.size()) + " values)";
}

std::string date_bucket(std::string_view date, DateBucket bucket) {
  switch (bucket) {
    case DateBucket::kYear:
      return date.size() >= 4 ? std::string(date.substr(0, 4)) : std::string();
    case DateBucket::kMonth:
      return date.size() >= 7 ? std::string(date.substr(0, 7)) : std::string();
    case DateBucket::kDay:
      return date.size() >= 10 ? std::string(date.substr(0, 10)) : std::string();
  }
  return {};
}

void DateBucketSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
  const std::string key = date_bucket(doc.get_value(slot_), bucket_);
  if (!key.empty()) ++counts_[key];
}

std::string DateBucketSpy::get_description() const {
  return "annosearch::DateBucketSpy(slot " + std::to_string(slot_) + ")";
}

namespace {

// The `size` largest of `out` (0: all), by count descending then value.
std::vector<FacetCount> largest(std::vector<FacetCount> out, std::size_t size) {
  const auto before = [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  if (size != 0 && out.size() > size) {
    const auto end = out.begin() + static_cast<std::ptrdiff_t>(size);
    std::partial_sort(out.begin(), end, out.end(), before);
    out.erase(end, out.end());
  } else {
    std::sort(out.begin(), out.end(), before);
  }
  return out;
}

template <typename Map>
std::vector<FacetCount> top_of(const Map& counts, std::size_t size,
                               const std::function<bool(const std::string&)>& keep) {
  std::vector<FacetCount> out;
  out.reserve(counts.size());
  for (const auto& [value, count] : counts) {
    if (!keep || keep(value)) out.push_back({value, count});
  }
  return largest(std::move(out), size);
}

}  // namespace

std::vector<FacetCount> top_counts(const std::map<std::string, std::size_t>& counts,
                                   std::size_t size,
                                   const std::function<bool(const std::string&)>& keep) {
  return top_of(counts, size, keep);
}

std::vector<FacetCount> top_counts(const FacetCountMap& counts, std::size_t size,
                                   const std::function<bool(const std::string&)>& keep) {
  return top_of(counts, size, keep);
}

std::vector<FacetCount> top_dates(const std::map<std::string, std::size_t>& counts,
                                  std::size_t size) {
  std::vector<FacetCount> out = top_counts(counts, size);
  std::sort(out.begin(), out.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
  return out;
}

}  // namespace annosearch
