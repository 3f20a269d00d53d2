// An index directory: the published generation (named by the XAPIANDB stub file), the generations
// beside it, and the writer lock.
//
//   DIR/XAPIANDB          "auto gen-000002": the published generation, replaced with rename()
//   DIR/gen-000002/       a glass database (what readers use)
//   DIR/gen-000001/       the previous generation, kept for readers that still have it open
//   DIR/annosearch.lock   flock()ed by the one writer; released by the kernel if it dies
//
// Publishing writes the stub to a temporary file, fsyncs it and renames it over XAPIANDB, so a
// reader opening DIR sees the old generation or the new one, never a half-built one, and a writer
// killed at any moment leaves the last published generation intact.
#pragma once

#include <string>
#include <vector>

namespace annosearch {

class IndexDir {
 public:
  explicit IndexDir(std::string path);
  ~IndexDir();
  IndexDir(const IndexDir&) = delete;
  IndexDir& operator=(const IndexDir&) = delete;

  // Takes the writer lock, failing at once (Error kIndex, naming the lock file) if another process
  // holds it. The lock is taken on the directory itself as well as on the lock file, so deleting
  // the lock file does not let a second writer in. With `create` (build), creates the directory if
  // needed and refuses a directory that is neither empty nor an annosearch index; without it
  // (update, delete, compact), a missing index is an Error(kIndex) and nothing is created.
  void lock_for_writing(bool create);

  [[nodiscard]] const std::string& path() const { return path_; }
  // The published generation's directory name ("gen-000002"), or empty when nothing is published.
  [[nodiscard]] std::string current_generation() const;
  // Full path of a generation.
  [[nodiscard]] std::string generation_path(const std::string& name) const;
  // A fresh generation name, higher than any present. Requires the lock.
  [[nodiscard]] std::string next_generation() const;
  // Makes `name` the published generation atomically. Requires the lock.
  void publish(const std::string& name);
  // Removes generations other than the published one and `keep` (the previous one), and any
  // leftovers of interrupted writers. Requires the lock.
  void remove_unused(const std::string& keep);
  // Every generation directory present, sorted.
  [[nodiscard]] std::vector<std::string> generations() const;
  // Removes a generation that will not be published (a failed or refused build) at once, so a
  // failure on a full disk does not leave the disk full. Never removes the published one.
  void discard(const std::string& name) const;

 private:
  std::string path_;
  int lock_fd_ = -1;
  int dir_lock_fd_ = -1;
};

// Removes a generation being written when it goes out of scope unless keep() was called: every way
// out of a build (an exception, a refusal) cleans up in one place.
class UnpublishedGeneration {
 public:
  UnpublishedGeneration(const IndexDir& dir, std::string name)
      : dir_(dir), name_(std::move(name)) {}
  ~UnpublishedGeneration() {
    if (!keep_) dir_.discard(name_);
  }
  UnpublishedGeneration(const UnpublishedGeneration&) = delete;
  UnpublishedGeneration& operator=(const UnpublishedGeneration&) = delete;
  void keep() { keep_ = true; }

 private:
  const IndexDir& dir_;
  std::string name_;
  bool keep_ = false;
};

}  // namespace annosearch
