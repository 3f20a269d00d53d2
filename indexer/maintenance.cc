// Incremental update, delete, verify and compact of a published index.
#include "indexer/maintenance.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_set>
#include <utility>

#include <xapian.h>

#include "core/index.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/stored.h"
#include "indexer/document_builder.h"
#include "indexer/fault.h"
#include "indexer/index_dir.h"
#include "indexer/index_writer.h"
#include "indexer/reannotate.h"

namespace annosearch {
namespace {

namespace sc = schema;
namespace fs = std::filesystem;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The published generation of a locked index directory, opened for writing and schema-checked.
Xapian::WritableDatabase open_published_for_writing(const IndexDir& dir) {
  const std::string gen = dir.current_generation();
  if (gen.empty()) {
    throw Error(ErrorKind::kIndex, "no index at " + dir.path() +
                                       "; create it with `annosearch build --index " + dir.path() +
                                       " INPUT...`");
  }
  // index_database_path checks the stub and the generation; the explicit backend keeps Xapian from
  // following any stub file itself.
  Xapian::WritableDatabase db(index_database_path(dir.path()),
                              Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
  check_schema_version(db, dir.path());
  return db;
}

// The value of the first term with this prefix in a document's term list ("" if none).
std::string term_value(const Xapian::Document& doc, std::string_view prefix) {
  auto it = doc.termlist_begin();
  it.skip_to(std::string(prefix));
  if (it == doc.termlist_end()) return {};
  return sc::term_value(*it, prefix).value_or(std::string());
}

void write_counts(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(sc::kMetaArticleCount),
                  std::to_string(db.get_termfreq(std::string(sc::kTermArticle))));
  db.set_metadata(std::string(sc::kMetaPassageCount),
                  std::to_string(db.get_termfreq(std::string(sc::kTermPassage))));
}

// Re-derives the theme terms and facet values (all and gold) of every unit from its annotated
// themes. Returns how many units changed.
std::size_t retag_themes(Xapian::WritableDatabase& db, const Taxonomy& taxonomy) {
  std::size_t changed = 0;
  const std::string prefix(sc::kPrefixTheme);
  const std::string gold_prefix(sc::kPrefixGoldTheme);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    const StoredUnit unit = parse_stored_unit(doc.get_data());
    std::set<std::string> wanted;  // ids with ancestors
    std::set<std::string> wanted_gold;
    for (const auto& t : unit.themes) {
      const bool gold =
          std::find(unit.auto_themes.begin(), unit.auto_themes.end(), t) == unit.auto_themes.end();
      for (const auto& a : taxonomy.with_ancestors(t)) {
        wanted.insert(a);
        if (gold) wanted_gold.insert(a);
      }
    }
    std::set<std::string> present;
    std::set<std::string> present_gold;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string term = *t;
      if (auto v = sc::term_value(term, prefix)) present.insert(*v);
      if (auto v = sc::term_value(term, gold_prefix)) present_gold.insert(*v);
    }
    if (present == wanted && present_gold == wanted_gold) continue;
    for (const auto& t : present) doc.remove_term(sc::term(prefix, t));
    for (const auto& t : present_gold) doc.remove_term(sc::term(gold_prefix, t));
    for (const auto& t : wanted) doc.add_boolean_term(sc::term(prefix, t));
    for (const auto& t : wanted_gold) doc.add_boolean_term(sc::term(gold_prefix, t));
    doc.add_value(sc::kSlotThemes,
                  sc::encode_list(std::vector<std::string>(wanted.begin(), wanted.end())));
    doc.add_value(sc::kSlotGoldThemes, sc::encode_list(std::vector<std::string>(
                                           wanted_gold.begin(), wanted_gold.end())));
    db.replace_document(*it, doc);
    ++changed;
  }
  return changed;
}

// What a check in a child process found.
struct CheckOutcome {
  bool crashed = false;  // the child died (a signal, or a sanitizer's abort)
  std::string crash;     // how it died, for the message
  bool threw = false;    // the check threw a Xapian::Error
  std::string error_type;
  std::string error_message;
  std::size_t errors = 0;
  std::string output;
};

enum class CheckMethod { kXapian, kRead };

// Reads every table of the database through the read-only API: each document's data, terms,
// positions and values, each term's posting list, and the metadata. Returns the number of errors
// (0 or 1, with the message in `out`).
std::size_t read_every_table(const std::string& path, std::ostream& out) {
  try {
    const Xapian::Database db(path, Xapian::DB_BACKEND_GLASS);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      [[maybe_unused]] const std::string data = doc.get_data();
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        }
      }
      for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      }
    }
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
      }
    }
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
      [[maybe_unused]] const std::string v = db.get_metadata(*k);
    }
    out << "every table read without error (read-only check)\n";
    return 0;
  } catch (const Xapian::DatabaseCorruptError& e) {
    out << "corrupt: " << e.get_msg() << '\n';
    return 1;
  }
}

void write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Runs the check in a child process and reports what it found, or how it died.
CheckOutcome check_in_child(const std::string& path, CheckMethod method) {
  int fds[2];
  if (::pipe(fds) != 0) {
    throw Error(ErrorKind::kInternal, std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  std::fflush(nullptr);  // nothing buffered is written twice by the child
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw Error(ErrorKind::kInternal, std::string("cannot fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    std::string payload;
    try {
      std::ostringstream out;
      const std::size_t errors =
          method == CheckMethod::kXapian
              ? Xapian::Database::check(path, Xapian::DBCHECK_SHORT_TREE, &out)
              : read_every_table(path, out);
      payload = "ok " + std::to_string(errors) + "\n" + out.str();
    } catch (const Xapian::Error& e) {
      payload = std::string("error ") + e.get_type() + "\n" + e.get_msg();
    } catch (const std::exception& e) {
      payload = std::string("error std::exception\n") + e.what();
    }
    write_all(fds[1], payload);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string got;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  CheckOutcome c;
  const std::size_t newline = got.find('\n');
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || newline == std::string::npos) {
    c.crashed = true;
    c.crash = WIFSIGNALED(status) ? std::string("signal ") + std::to_string(WTERMSIG(status)) +
                                        ", " + ::strsignal(WTERMSIG(status))
                                  : "exit status " + std::to_string(WEXITSTATUS(status));
    return c;
  }
  const std::string head = got.substr(0, newline);
  const std::string rest = got.substr(newline + 1);
  if (head.rfind("ok ", 0) == 0) {
    c.errors = std::stoul(head.substr(3));
    c.output = rest;
  } else {
    c.threw = true;
    c.error_type = head.substr(std::min<std::size_t>(head.size(), 6));
    c.error_message = rest;
  }
  return c;
}

}  // namespace

UpdateSummary update_index(const Corpus& corpus, Diagnostics& diagnostics,
                           const UpdateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  IndexDir dir(options.index_dir);
  dir.lock_for_writing(/*create=*/false);
  Xapian::WritableDatabase db = open_published_for_writing(dir);
  UpdateSummary summary;

  // The input's registry and taxonomy replace the stored ones; without them, the stored ones hold.
  // The stored registry is parsed once (at a million entities a parse takes seconds) and, when the
  // input brings none, is the one the update validates and annotates with.
  Corpus input = corpus;
  const Taxonomy stored_taxonomy =
      taxonomy_from_string(db.get_metadata(std::string(sc::kMetaTaxonomy)));
  Registry stored_registry = registry_from_string(db.get_metadata(std::string(sc::kMetaRegistry)));
  const bool registry_given = input.registry.size() > 0;
  if (!registry_given) std::swap(input.registry, stored_registry);  // no copy of a large registry
  const Registry& registry_before = registry_given ? stored_registry : input.registry;
  if (input.taxonomy.size() == 0) input.taxonomy = stored_taxonomy;
  const bool taxonomy_changed =
      taxonomy_to_string(input.taxonomy) != taxonomy_to_string(stored_taxonomy);
  std::function<void(Document&)> annotate = options.annotate;
  if (!annotate && options.make_annotate) {
    annotate = options.make_annotate(input.registry, input.taxonomy);
  }

  // What the registry or taxonomy change can affect, found in the index before anything changes.
  const RegistryChange change =
      registry_change(registry_before, input.registry, stored_taxonomy, input.taxonomy);
  summary.changed_entities = change.entities;
  summary.changed_themes = change.themes;
  AffectedDocuments affected;
  if (!change.empty()) {
    if (!annotate) {
      summary.reannotation = "off";
    } else if (db.get_metadata(std::string(sc::kMetaAnnotate)) != "auto") {
      summary.reannotation = "not-annotated";
    } else {
      summary.reannotation = "targeted";
      affected = affected_documents(db, change, registry_before, input.registry, stored_taxonomy,
                                    input.taxonomy);
      summary.reannotate_found = affected.ids.size();
      summary.reannotate_by_words = affected.by_words;
    }
  }

  DocumentBuilder builder(input.taxonomy);
  std::unordered_set<std::string> seen;
  std::unordered_set<std::string> written;  // added or replaced from the input
  std::set<std::string> languages;
  summary.indexed_before = db.get_termfreq(std::string(sc::kTermArticle));
  db.begin_transaction();
  const ScanStats stats = scan_documents(
      input, diagnostics,
      [&](Document&& doc, const RecordLocation&) {
        // The hash is of the input as read, before the annotator adds to it (as build does).
        const std::string hash = content_hash(doc);
        seen.insert(doc.id);
        const std::string uid = sc::article_uid(doc.id);
        auto post = db.postlist_begin(uid);
        const bool exists = post != db.postlist_end(uid);
        if (exists && db.get_document(*post).get_value(sc::kSlotHash) == hash) {
          ++summary.unchanged;
        } else {
          if (exists) db.delete_document(sc::doc_term(doc.id));
          if (annotate) annotate(doc);
          languages.insert(primary_language(doc.language));
          written.insert(doc.id);
          for (auto& unit : builder.build(doc, hash)) db.add_document(unit.document);
          ++(exists ? summary.replaced : summary.added);
          fault_point("update.document");
        }
        if (options.on_progress) options.on_progress(seen.size());
      },
      options.strict);
  summary.rejected = stats.rejected;
  if (options.strict && diagnostics.errors() > 0) {
    db.cancel_transaction();
    summary.seconds = seconds_since(started);
    return summary;
  }
  // A rejected record still names a document the archive has: never prune it. When a rejected
  // record has no readable id, we cannot tell what the archive holds, so nothing is pruned.
  bool prune = options.prune;
  for (const auto& d : diagnostics.all()) {
    if (d.severity != Severity::kError) continue;
    if (!d.doc_id.empty()) {
      seen.insert(d.doc_id);
    } else if (prune) {
      prune = false;
      summary.prune_skipped = true;
    }
  }
  if (prune) {
    std::vector<std::string> gone;
    const std::string level(sc::kTermArticle);
    for (auto it = db.postlist_begin(level); it != db.postlist_end(level); ++it) {
      const std::string id = term_value(db.get_document(*it), sc::kPrefixDoc);
      if (seen.count(id) == 0) gone.push_back(id);
    }
    if (!options.force && gone.size() * 2 > summary.indexed_before) {
      db.cancel_transaction();
      summary.prune_refused = gone.size();
      summary.seconds = seconds_since(started);
      return summary;
    }
    for (const auto& id : gone) db.delete_document(sc::doc_term(id));
    summary.deleted = gone.size();
  }
  // Targeted re-annotation: each affected document not just written from the input, rebuilt from
  // the index with its gold annotations, annotated again, reindexed only when that changes its
  // automatic annotations (the stored content hash, of the input as read, is kept).
  for (const auto& id : affected.ids) {
    if (written.count(id) != 0) {
      ++summary.reannotate_in_input;
      continue;
    }
    auto before = indexed_document(db, id, /*with_auto=*/true);
    if (!before) continue;  // pruned
    auto again = indexed_document(db, id, /*with_auto=*/false);
    annotate(again->document);
    if (automatic_annotations(again->document) == automatic_annotations(before->document)) {
      ++summary.reannotate_unchanged;
      continue;
    }
    db.delete_document(sc::doc_term(id));
    for (auto& unit : builder.build(again->document, again->hash)) db.add_document(unit.document);
    ++summary.reannotated;
    fault_point("update.reannotate");
  }
  if (taxonomy_changed) summary.retagged = retag_themes(db, input.taxonomy);
  write_schema_metadata(db, input.registry, input.taxonomy, /*registry_unchanged=*/!registry_given);
  add_index_languages(db, languages);
  write_counts(db);
  summary.registry_version = db.get_metadata(std::string(sc::kMetaRegistryVersion));
  fault_point("update.commit");
  db.commit_transaction();
  summary.committed = true;

  // Entities that documents carry but the registry lacks: reported, never dropped.
  const std::string actor(sc::kPrefixActor);
  for (auto t = db.allterms_begin(actor); t != db.allterms_end(actor); ++t) {
    std::string id = (*t).substr(actor.size());
    if (!id.empty() && id[0] == ':') id.erase(0, 1);
    if (input.registry.find(id) == nullptr) {
      summary.unknown_entities.emplace_back(id, t.get_termfreq());
    }
  }
  db.close();
  summary.seconds = seconds_since(started);
  return summary;
}

DeleteSummary delete_documents(const std::string& index_dir, const std::vector<std::string>& ids) {
  IndexDir dir(index_dir);
  dir.lock_for_writing(/*create=*/false);
  Xapian::WritableDatabase db = open_published_for_writing(dir);
  DeleteSummary summary;
  db.begin_transaction();
  for (const auto& id : ids) {
    const std::string term = sc::doc_term(id);
    if (db.get_termfreq(term) == 0) {
      summary.not_found.push_back(id);
      continue;
    }
    db.delete_document(term);
    summary.deleted.push_back(id);
  }
  write_counts(db);
  db.commit_transaction();
  db.close();
  return summary;
}

VerifySummary verify_index(const std::string& index_dir, const Corpus* corpus,
                           Diagnostics& diagnostics) {
  VerifySummary summary;
  // The published generation, or a plain glass database as it is; a stub annosearch did not write
  // is refused before Xapian sees it.
  const std::string path = index_database_path(index_dir);
  CheckOutcome c = check_in_child(path, CheckMethod::kXapian);
  // Xapian's check opens the table files read/write; a user who may only read the index gets the
  // read-only check instead of a refusal.
  if (c.threw && c.error_type == "DatabaseOpeningError" &&
      ::access((fs::path(path) / "postlist.glass").c_str(), W_OK) != 0) {
    summary.check_method = "read";
    c = check_in_child(path, CheckMethod::kRead);
  }
  if (c.crashed) {
    throw Error(ErrorKind::kIndex, "checking the index at " + path + " crashed (" + c.crash +
                                       "): the index is corrupt; rebuild it from the archive with "
                                       "`annosearch build --index " +
                                       index_dir + " INPUT...`");
  }
  if (c.threw) {
    throw Error(ErrorKind::kIndex, "cannot check the index at " + path + ": " + c.error_message);
  }
  summary.check_errors = c.errors;
  summary.check_output = c.output;
  const Xapian::Database db = open_index(index_dir);
  std::map<std::string, std::string> indexed;  // id -> content hash
  const std::string level(sc::kTermArticle);
  for (auto it = db.postlist_begin(level); it != db.postlist_end(level); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    indexed.emplace(term_value(doc, sc::kPrefixDoc), doc.get_value(sc::kSlotHash));
  }
  summary.documents = indexed.size();
  if (corpus == nullptr) return summary;
  std::unordered_set<std::string> seen;
  const ScanStats stats =
      scan_documents(*corpus, diagnostics, [&](Document&& doc, const RecordLocation&) {
        seen.insert(doc.id);
        const auto it = indexed.find(doc.id);
        if (it == indexed.end()) {
          summary.missing.push_back(doc.id);
        } else if (it->second != content_hash(doc)) {
          summary.stale.push_back(doc.id);
        }
      });
  summary.input_rejected = stats.rejected;
  // A rejected record is reported as such (exit 1), not as an extra document.
  for (const auto& d : diagnostics.all()) {
    if (d.severity == Severity::kError && !d.doc_id.empty()) seen.insert(d.doc_id);
  }
  for (const auto& [id, hash] : indexed) {
    if (seen.count(id) == 0) summary.extra.push_back(id);
  }
  return summary;
}

CompactSummary compact_index(const std::string& index_dir) {
  const auto started = std::chrono::steady_clock::now();
  IndexDir dir(index_dir);
  dir.lock_for_writing(/*create=*/false);
  CompactSummary summary;
  summary.from_generation = dir.current_generation();
  if (summary.from_generation.empty()) {
    throw Error(ErrorKind::kIndex, "no index at " + index_dir + " to compact");
  }
  Xapian::Database src = open_index(index_dir);
  summary.to_generation = dir.next_generation();
  const std::string to_path = dir.generation_path(summary.to_generation);
  summary.bytes_before = directory_size(dir.generation_path(summary.from_generation));
  try {
    src.compact(to_path);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(to_path, ec);
    throw Error(ErrorKind::kInternal,
                "compacting " + index_dir + " failed: " + e.get_description());
  }
  fault_point("compact.publish");
  dir.publish(summary.to_generation);
  dir.remove_unused(summary.from_generation);
  summary.bytes_after = directory_size(to_path);
  summary.seconds = seconds_since(started);
  return summary;
}

}  // namespace annosearch
