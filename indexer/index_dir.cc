// Index directory management: writer lock, generations and atomic publishing.
#include "indexer/index_dir.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/file.h>
#include <unistd.h>

#include "core/error.h"
#include "core/index.h"
#include "indexer/fault.h"

namespace annosearch {
namespace {

namespace fs = std::filesystem;
constexpr const char* kLockName = "annosearch.lock";
constexpr const char* kGenPrefix = "gen-";

void fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

IndexDir::IndexDir(std::string path) : path_(std::move(path)) {}

IndexDir::~IndexDir() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
  if (dir_lock_fd_ >= 0) ::close(dir_lock_fd_);
}

void IndexDir::lock_for_writing(bool create) {
  std::error_code ec;
  if (!create && !fs::exists(fs::path(path_) / kStubFileName, ec)) {
    throw Error(ErrorKind::kIndex, "no index at " + path_ +
                                       "; create it with `annosearch build --index " + path_ +
                                       " INPUT...`");
  }
  fs::create_directories(path_, ec);
  if (ec) {
    throw Error(ErrorKind::kIndex,
                "cannot create the index directory " + path_ + ": " + ec.message());
  }
  const bool is_index =
      fs::exists(fs::path(path_) / kStubFileName) || fs::exists(fs::path(path_) / kLockName);
  if (!is_index && !fs::is_empty(path_, ec)) {
    throw Error(ErrorKind::kIndex, path_ +
                                       " exists and is not an annosearch index (no XAPIANDB stub); "
                                       "give an empty or new directory with --index");
  }
  const std::string lock_path = (fs::path(path_) / kLockName).string();
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    throw Error(ErrorKind::kIndex,
                "cannot open the lock file " + lock_path + ": " + std::strerror(errno));
  }
  // The directory's own inode is locked too: the lock file can be deleted (by hand, by a cleanup
  // job) while a writer holds it, and a second writer would then lock a new file and go ahead.
  dir_lock_fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool locked = ::flock(lock_fd_, LOCK_EX | LOCK_NB) == 0 &&
                      (dir_lock_fd_ >= 0 && ::flock(dir_lock_fd_, LOCK_EX | LOCK_NB) == 0);
  if (!locked) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (dir_lock_fd_ >= 0) ::close(dir_lock_fd_);
    dir_lock_fd_ = -1;
    throw Error(ErrorKind::kIndex, "the index " + path_ + " is locked by another writer (" +
                                       lock_path + "); wait for that build or update to finish");
  }
  // Record who holds it, for people looking at the directory.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) == 0) {
    [[maybe_unused]] const auto n = ::write(lock_fd_, pid.data(), pid.size());
  }
}

std::string IndexDir::current_generation() const {
  // The stub's form is checked (a writer never follows a stub annosearch did not write), but a
  // missing generation is left to the caller: a build may replace a damaged index.
  return published_generation(path_, /*require_generation=*/false);
}

std::string IndexDir::generation_path(const std::string& name) const {
  return (fs::path(path_) / name).string();
}

std::vector<std::string> IndexDir::generations() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path_, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.rfind(kGenPrefix, 0) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string IndexDir::next_generation() const {
  long highest = 0;
  for (const auto& name : generations()) {
    try {
      highest = std::max(highest, std::stol(name.substr(std::strlen(kGenPrefix))));
    } catch (const std::exception&) {
      // Not one of ours; ignore it.
    }
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%06ld", kGenPrefix, highest + 1);
  return buf;
}

void IndexDir::publish(const std::string& name) {
  const fs::path dir(path_);
  const std::string tmp = (dir / (std::string(kStubFileName) + ".tmp")).string();
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "auto " << name << "\n";
    out.flush();
    if (!out) throw Error(ErrorKind::kIndex, "cannot write " + tmp);
  }
  // The generation's files and the stub must be on disk before the rename makes them visible.
  fsync_path(tmp, O_RDONLY);
  fsync_path(generation_path(name), O_RDONLY | O_DIRECTORY);
  fault_point("publish.rename");
  if (std::rename(tmp.c_str(), (dir / kStubFileName).c_str()) != 0) {
    throw Error(ErrorKind::kIndex,
                "cannot publish " + name + " in " + path_ + ": " + std::strerror(errno));
  }
  fsync_path(path_, O_RDONLY | O_DIRECTORY);
}

void IndexDir::discard(const std::string& name) const {
  if (name.empty()) return;
  try {
    if (name == current_generation()) return;
  } catch (const std::exception&) {
    return;  // the stub cannot be read: remove nothing
  }
  std::error_code ec;
  fs::remove_all(generation_path(name), ec);
}

void IndexDir::remove_unused(const std::string& keep) {
  const std::string current = current_generation();
  for (const auto& name : generations()) {
    if (name == current || name == keep) continue;
    std::error_code ec;
    fs::remove_all(generation_path(name), ec);
  }
  std::error_code ec;
  fs::remove(fs::path(path_) / (std::string(kStubFileName) + ".tmp"), ec);
}

}  // namespace annosearch
