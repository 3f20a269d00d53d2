// Builds the article and passage documents of an annotated document.
#include "indexer/document_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/calendar.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/sha256.h"
#include "core/stored.h"

namespace annosearch {
namespace {

namespace sc = schema;

// What one unit (article or passage) carries, gathered before it becomes a Xapian document.
struct UnitTerms {
  std::set<std::string> actors;
  std::set<std::string> themes;       // as annotated
  std::set<std::string> auto_actors;  // of those, the automatic ones (source "auto")
  std::set<std::string> auto_themes;
  std::vector<const DateMention*> dates;
  std::vector<std::pair<const Span*, const EntityAnnotation*>> mentions;  // span, its entity
};

bool inside(const Span& s, const Span& outer) {
  return s.start >= outer.start && s.end <= outer.end;
}

// The passage that holds `s` whole, or passages.size() when none does. Passages are sorted and do
// not overlap, so this is a binary search: every annotation costs log(passages), not passages.
std::size_t passage_of(const std::vector<Passage>& passages, const Span& s) {
  const auto it =
      std::upper_bound(passages.begin(), passages.end(), s.start,
                       [](std::size_t v, const Passage& p) { return v < p.span.start; });
  if (it == passages.begin()) return passages.size();
  const auto p = static_cast<std::size_t>(it - passages.begin()) - 1;
  return inside(s, passages[p].span) ? p : passages.size();
}

void add_words(Xapian::Document& xd, const Analyzer& analyzer, const std::vector<Token>& tokens,
               const std::vector<Xapian::termpos>& positions, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    xd.add_posting(tokens[i].term, positions[i]);
    const std::string stem = analyzer.stem(tokens[i].term);
    if (!stem.empty() && stem.size() < sc::kMaxTermBytes) {
      xd.add_term(std::string(sc::kPrefixStem) + stem);
    }
  }
}

}  // namespace

DocumentBuilder::DocumentBuilder(const Taxonomy& taxonomy) : taxonomy_(taxonomy) {}

const Analyzer& DocumentBuilder::analyzer_for(const std::string& language) {
  for (const auto& [lang, analyzer] : analyzers_) {
    if (lang == language) return analyzer;
  }
  analyzers_.emplace_back(language, Analyzer(language));
  return analyzers_.back().second;
}

std::vector<BuiltUnit> DocumentBuilder::build(const Document& doc, std::string input_hash) {
  const Analyzer& analyzer = analyzer_for(doc.language);
  const std::vector<Passage> passages = split_passages(doc.text);
  const std::vector<Token> tokens = analyzer.tokenize(doc.text);

  // Word positions: consecutive within a passage, kPassagePositionGap apart between passages.
  std::vector<Xapian::termpos> positions(tokens.size());
  std::vector<std::size_t> first_token(passages.size() + 1, tokens.size());
  {
    Xapian::termpos pos = 0;
    std::size_t t = 0;
    for (std::size_t p = 0; p < passages.size(); ++p) {
      pos += sc::kPassagePositionGap;
      first_token[p] = t;
      while (t < tokens.size() && tokens[t].span.start < passages[p].span.end) {
        positions[t++] = ++pos;
      }
    }
    first_token[passages.size()] = tokens.size();
  }
  // The position of a mention: that of the first word it overlaps (none for a span of no words).
  auto mention_position = [&](const Span& m) -> Xapian::termpos {
    const auto it = std::lower_bound(tokens.begin(), tokens.end(), m.start,
                                     [](const Token& t, std::size_t s) { return t.span.end <= s; });
    if (it == tokens.end() || it->span.start >= m.end) return 0;
    return positions[static_cast<std::size_t>(it - tokens.begin())];
  };

  // Who and what each passage carries; document-level annotations apply to every passage.
  std::vector<UnitTerms> units(passages.size());
  UnitTerms article;
  // Each annotation goes to its passage by binary search (linear in the annotations, not
  // passages x annotations: a long document has both in thousands).
  for (const auto& e : doc.entities) {
    const bool automatic = !sc::is_gold_source(e.source);
    const auto add_actor = [&](UnitTerms& u) {
      u.actors.insert(e.id);
      if (automatic) u.auto_actors.insert(e.id);
    };
    add_actor(article);
    if (e.mentions.empty()) {
      for (auto& u : units) add_actor(u);
    }
    for (const auto& m : e.mentions) {
      article.mentions.emplace_back(&m, &e);
      const std::size_t p = passage_of(passages, m);
      if (p == passages.size()) continue;
      add_actor(units[p]);
      units[p].mentions.emplace_back(&m, &e);
    }
  }
  for (const auto& t : doc.themes) {
    const bool automatic = !sc::is_gold_source(t.source);
    const auto add_theme = [&](UnitTerms& u) {
      u.themes.insert(t.id);
      if (automatic) u.auto_themes.insert(t.id);
    };
    add_theme(article);
    if (t.passages.empty()) {
      for (auto& u : units) add_theme(u);
    }
    for (const int n : t.passages) {  // passages are numbered 1, 2, ... in order
      if (n >= 1 && static_cast<std::size_t>(n) <= passages.size()) {
        add_theme(units[static_cast<std::size_t>(n) - 1]);
      }
    }
  }
  for (const auto& d : doc.dates) {
    article.dates.push_back(&d);
    const std::size_t p = passage_of(passages, d.span);
    if (p < passages.size()) units[p].dates.push_back(&d);
  }
  const CodePointIndex code_points(doc.text);

  const std::string hash = input_hash.empty() ? content_hash(doc) : std::move(input_hash);
  const std::string source_term = doc.source.empty() ? std::string() : fold(doc.source);

  // Terms and values every unit of this document shares, plus the unit's own filters and facets.
  auto add_common = [&](Xapian::Document& xd, const UnitTerms& u, Span text_span) {
    xd.add_boolean_term(sc::doc_term(doc.id));
    xd.add_boolean_term(sc::term(sc::kPrefixLanguage, fold(doc.language)));
    if (!source_term.empty()) xd.add_boolean_term(sc::term(sc::kPrefixSource, source_term));
    if (doc.date) {
      xd.add_value(sc::kSlotDateFirst, doc.date->first_day_key());
      xd.add_value(sc::kSlotDateLast, doc.date->last_day_key());
      xd.add_value(sc::kSlotDate, doc.date->to_string());
      for (const auto& b : enclosing_blocks(DateRange{*doc.date, *doc.date, false})) {
        xd.add_boolean_term(sc::term(sc::kPrefixPubDate, b));
      }
    }
    // Every annotation under the X* prefixes and slots 3 and 4; the gold ones again under their
    // gold twins (docs/schema.md, "Gold and automatic").
    std::vector<std::string> actors(u.actors.begin(), u.actors.end());
    std::vector<std::string> gold_actors;
    for (const auto& a : actors) {
      xd.add_boolean_term(sc::term(sc::kPrefixActor, a));
      if (u.auto_actors.count(a) == 0) {
        xd.add_boolean_term(sc::term(sc::kPrefixGoldActor, a));
        gold_actors.push_back(a);
      }
    }
    xd.add_value(sc::kSlotActors, sc::encode_list(actors));
    xd.add_value(sc::kSlotGoldActors, sc::encode_list(gold_actors));
    std::set<std::string> theme_closure;
    std::set<std::string> gold_closure;
    for (const auto& t : u.themes) {
      const bool gold = u.auto_themes.count(t) == 0;
      for (const auto& a : taxonomy_.with_ancestors(t)) {
        theme_closure.insert(a);
        if (gold) gold_closure.insert(a);
      }
    }
    for (const auto& t : theme_closure) xd.add_boolean_term(sc::term(sc::kPrefixTheme, t));
    for (const auto& t : gold_closure) xd.add_boolean_term(sc::term(sc::kPrefixGoldTheme, t));
    xd.add_value(sc::kSlotThemes, sc::encode_list(std::vector<std::string>(theme_closure.begin(),
                                                                           theme_closure.end())));
    xd.add_value(sc::kSlotGoldThemes, sc::encode_list(std::vector<std::string>(
                                          gold_closure.begin(), gold_closure.end())));
    for (const DateMention* d : u.dates) {
      const bool gold = sc::is_gold_source(d->source);
      for (const auto& b : enclosing_blocks(d->value)) {
        xd.add_boolean_term(sc::term(sc::kPrefixWhen, b));
        if (gold) xd.add_boolean_term(sc::term(sc::kPrefixGoldWhen, b));
      }
    }
    // Mentions inside this unit's text, at their word positions, and their counts per entity.
    std::map<std::string, std::size_t> counts;
    std::map<std::string, std::size_t> gold_counts;
    for (const auto& [m, e] : u.mentions) {
      if (!inside(*m, text_span)) continue;
      const Xapian::termpos pos = mention_position(*m);
      if (pos == 0) continue;
      xd.add_posting(sc::term(sc::kPrefixMention, e->id), pos);
      ++counts[e->id];
      if (sc::is_gold_source(e->source)) {
        xd.add_posting(sc::term(sc::kPrefixGoldMention, e->id), pos);
        ++gold_counts[e->id];
      }
    }
    if (!counts.empty()) xd.add_value(sc::kSlotMentions, sc::encode_counts(counts));
    if (!gold_counts.empty()) xd.add_value(sc::kSlotGoldMentions, sc::encode_counts(gold_counts));
  };

  StoredUnit base;
  base.id = doc.id;
  base.title = doc.title;
  base.date = doc.date ? doc.date->to_string() : std::string();
  base.source = doc.source;
  base.url = doc.url;
  base.language = doc.language;
  base.authors = doc.authors;

  std::vector<BuiltUnit> out;
  // The article.
  {
    BuiltUnit unit;
    unit.uid_term = sc::article_uid(doc.id);
    Xapian::Document& xd = unit.document;
    xd.add_boolean_term(unit.uid_term);
    xd.add_boolean_term(std::string(sc::kTermArticle));
    add_words(xd, analyzer, tokens, positions, 0, tokens.size());
    // A title that is not the text's first line is indexed after the text.
    const std::string first_line =
        passages.empty() ? std::string()
                         : code_points.substr(passages[0].span.start, passages[0].span.end);
    if (!doc.title.empty() && doc.title != first_line) {
      const auto title_tokens = analyzer.tokenize(doc.title);
      std::vector<Xapian::termpos> title_pos(title_tokens.size());
      Xapian::termpos pos = (positions.empty() ? 0 : positions.back()) + sc::kPassagePositionGap;
      for (auto& p : title_pos) p = ++pos;
      add_words(xd, analyzer, title_tokens, title_pos, 0, title_tokens.size());
    }
    add_common(xd, article, Span{0, code_points.size()});
    xd.add_value(sc::kSlotHash, hash);
    StoredUnit stored = base;
    stored.passages = static_cast<int>(passages.size());
    stored.dateline = doc.dateline;  // for re-annotation from the index (indexer/reannotate.h)
    stored.actors.assign(article.actors.begin(), article.actors.end());
    stored.themes.assign(article.themes.begin(), article.themes.end());
    stored.auto_actors.assign(article.auto_actors.begin(), article.auto_actors.end());
    stored.auto_themes.assign(article.auto_themes.begin(), article.auto_themes.end());
    xd.set_data(serialize(stored));
    out.push_back(std::move(unit));
  }
  // One document per passage that has words.
  for (std::size_t p = 0; p < passages.size(); ++p) {
    if (first_token[p] == first_token[p + 1] ||
        tokens[first_token[p]].span.start >= passages[p].span.end) {
      continue;
    }
    const Passage& passage = passages[p];
    BuiltUnit unit;
    unit.uid_term = sc::passage_uid(doc.id, passage.n);
    unit.passage = passage.n;
    Xapian::Document& xd = unit.document;
    xd.add_boolean_term(unit.uid_term);
    xd.add_boolean_term(std::string(sc::kTermPassage));
    add_words(xd, analyzer, tokens, positions, first_token[p], first_token[p + 1]);
    add_common(xd, units[p], passage.span);
    xd.add_value(sc::kSlotPassage, Xapian::sortable_serialise(passage.n));
    StoredUnit stored = base;
    stored.passage = passage.n;
    stored.text = code_points.substr(passage.span.start, passage.span.end);
    for (const auto& [m, e] : units[p].mentions) {
      stored.mentions.push_back({{m->start - passage.span.start, m->end - passage.span.start},
                                 e->id,
                                 !sc::is_gold_source(e->source)});
    }
    std::sort(
        stored.mentions.begin(), stored.mentions.end(),
        [](const StoredMention& a, const StoredMention& b) { return a.span.start < b.span.start; });
    for (const DateMention* d : units[p].dates) {
      stored.dates.push_back(
          {{d->span.start - passage.span.start, d->span.end - passage.span.start},
           d->value.to_string(),
           !sc::is_gold_source(d->source)});
    }
    stored.actors.assign(units[p].actors.begin(), units[p].actors.end());
    stored.themes.assign(units[p].themes.begin(), units[p].themes.end());
    stored.auto_actors.assign(units[p].auto_actors.begin(), units[p].auto_actors.end());
    stored.auto_themes.assign(units[p].auto_themes.begin(), units[p].auto_themes.end());
    xd.set_data(serialize(stored));
    out.push_back(std::move(unit));
  }
  return out;
}

std::string content_hash(const Document& doc) { return sha256_hex(to_json(doc).dump()); }

}  // namespace annosearch
