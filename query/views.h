// The researcher's views, each a function from a request to a plain result struct (no
// formatting, so the command line and a later web interface serve the same results):
//   kwic      a concordance: every mention of an actor (under any alias) or every match of a
//             query, with left and right context
//   timeline  counts per publication date (or mentioned date) bucket, zero-filled, normalisable
//   cooccur   the actors sharing a passage (or article) with an actor, with an association score
//   show      one document or passage with its annotations, and passages around it
//   compare   two or more actors or queries side by side
// Every view takes a Searcher on an opened index, so a caller opens the index once.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/stored.h"
#include "query/search.h"

namespace annosearch {

// ---- kwic

enum class KwicSort { kDate, kLeft, kRight };

struct KwicRequest {
  SearchRequest search;    // query text and filters; the target is added to them
  std::string target;      // an actor (id, name, alias) or, when it names none, a query
  std::size_t width = 40;  // context code points on each side
  KwicSort sort = KwicSort::kDate;
};

struct KwicLine {
  std::string id;
  std::string date;
  int passage = 0;
  Span span;  // code points into the passage text
  std::string left;
  std::string keyword;
  std::string right;
};

struct KwicResult {
  std::string target;
  std::string kind;      // "actor" or "query"
  std::string actor_id;  // the resolved actor (kind actor)
  // Kind actor with no annotated mention anywhere: the lines are where the target's words stand.
  bool words_instead = false;
  QueryEcho query;
  std::size_t passages = 0;  // passages with at least one line
  std::vector<KwicLine> lines;
};

[[nodiscard]] KwicResult kwic(const Searcher& searcher, const KwicRequest& request);

// ---- timeline

struct TimelineRequest {
  SearchRequest search;
  DateBucket by = DateBucket::kMonth;
  bool mentioned = false;  // --when: dates mentioned in the text instead of publication dates
  bool normalize = false;
};

struct TimelineBucket {
  std::string bucket;
  std::size_t count = 0;
  std::size_t bucket_total = 0;  // with normalize
  double share = 0;
};

struct TimelineResult {
  QueryEcho query;
  Level level = Level::kArticle;
  DateBucket by = DateBucket::kMonth;
  bool mentioned = false;
  bool normalized = false;
  std::size_t total = 0;    // matching units
  std::size_t missing = 0;  // matching units in no bucket (undated, or too coarse a date)
  std::vector<TimelineBucket> buckets;  // first to last, zero-filled
};

[[nodiscard]] TimelineResult timeline(const Searcher& searcher, const TimelineRequest& request);

// ---- cooccur

struct CooccurRequest {
  SearchRequest search;  // level passage by default (set by the caller)
  std::string actor;
  std::string type;        // only partners of this entity type
  std::size_t limit = 20;  // 0: all
};

struct CooccurEntry {
  ActorRef partner;
  std::size_t joint = 0;          // units with both
  std::size_t partner_units = 0;  // units with the partner
  double llr = 0;                 // signed log-likelihood ratio G² (negative: fewer than chance)
  double pmi = 0;                 // log2 of observed / expected joint count
};

struct CooccurResult {
  ActorRef actor;
  QueryEcho query;
  Level level = Level::kPassage;
  std::size_t units = 0;              // units matching the query and filters (N)
  std::size_t actor_units = 0;        // of those, with the actor
  std::vector<CooccurEntry> entries;  // by llr, descending
  std::size_t left_out = 0;           // partners beyond limit
};

[[nodiscard]] CooccurResult cooccur(const Searcher& searcher, const CooccurRequest& request);

// ---- show

struct ShowRequest {
  std::string id;           // document id
  int passage = 0;          // 0: the whole document
  std::size_t context = 0;  // passages on each side of `passage`
};

struct ShowMention {
  ActorRef actor;
  Span span;
  std::string text;
};

struct ShowPassage {
  int n = 0;
  std::string text;
  std::vector<ActorRef> actors;  // as annotated on the passage
  std::vector<ThemeRef> themes;
  std::vector<ShowMention> mentions;
  std::vector<StoredDate> dates;
};

struct ShowResult {
  std::string id;
  std::string title;
  std::string date;
  std::string source;
  std::string url;
  std::string language;
  std::vector<std::string> authors;
  int passage_count = 0;
  int focus = 0;                 // the passage asked for, 0 for the whole document
  std::vector<ActorRef> actors;  // of the article
  std::vector<ThemeRef> themes;
  std::vector<ShowPassage> passages;
};

// Throws Error(kUsage) when the document (or passage) is not in the index.
[[nodiscard]] ShowResult show(const Searcher& searcher, const ShowRequest& request);

// ---- compare

struct CompareRequest {
  SearchRequest search;              // shared filters
  std::vector<std::string> targets;  // actors (id, name, alias) or queries
  std::size_t top = 5;               // themes and partners per target
  DateBucket by = DateBucket::kMonth;
};

struct CompareColumn {
  std::string target;
  std::string kind;  // "actor" or "query"
  std::string actor_id;
  std::size_t count = 0;
  std::vector<FacetEntry> themes;
  std::vector<FacetEntry> actors;    // co-occurring actors (the target itself left out)
  std::vector<FacetEntry> timeline;  // every bucket of the union of all columns, zero-filled
};

struct CompareResult {
  Level level = Level::kArticle;
  DateBucket by = DateBucket::kMonth;
  std::vector<CompareColumn> columns;
};

[[nodiscard]] CompareResult compare(const Searcher& searcher, const CompareRequest& request);

// Parses "ID" or "ID#N" for show.
[[nodiscard]] ShowRequest parse_show_target(const std::string& text);

}  // namespace annosearch
