// Progress reporting on stderr for long work (import, build, update): a bar redrawn in place on a
// terminal, one JSON object per line for machines, or nothing (--quiet, or stderr not a terminal,
// so that logs stay clean).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

namespace annosearch::cli {

// kAuto: a bar if stderr is a terminal, else nothing. kJson: JSON lines. kNone: nothing.
enum class ProgressMode { kAuto, kJson, kNone };

// The mode for --progress ("auto", "json" or "none"; anything else counts as "auto") and --quiet
// (which wins: nothing at all).
[[nodiscard]] ProgressMode progress_mode(const std::string& option, bool quiet);

// Formats 12345 as "12,345".
[[nodiscard]] std::string group_thousands(std::size_t n);

// Reports the progress of one task.
//
// Bar (a terminal): `import  12,345/21,578  57%  [#####.....]  2,310/s  ETA 4s`, redrawn with '\r'
// at most ~10 times a second; finish() leaves the final state on its own line.
// JSON: `{"task":"import","done":12345,"total":21578,"rate":2310.5,"eta_s":4.0}` at most once a
// second ("total" and "eta_s" only when the total is known), and on finish()
// `{"task":"import","event":"done","done":21578,"total":21578,"rate":2310.5,"elapsed_s":9.3}`.
//
// Thread-safe: add() may be called from several threads (it is an atomic increment plus a clock
// read; drawing happens under a lock, skipped if another thread is drawing).
class Progress {
 public:
  Progress(std::string task, ProgressMode mode, std::optional<std::size_t> total = std::nullopt);
  ~Progress();  // ends a bar line left open, without the final line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void add(std::size_t n = 1);
  void set_total(std::size_t total);
  // The final line (bar) or the "done" event (JSON). Idempotent; add() after it does nothing.
  void finish();
  // Writes a line (a diagnostic) to stderr without garbling the bar: the bar is cleared first and
  // redrawn on the next add(). Use it for everything printed to stderr while a task runs.
  void message(const std::string& line);

  [[nodiscard]] std::size_t done() const { return done_.load(); }
  // True when something is shown (a bar or JSON lines).
  [[nodiscard]] bool visible() const { return output_ != Output::kNone; }

 private:
  enum class Output { kBar, kJson, kNone };
  using Clock = std::chrono::steady_clock;

  void draw(bool final);  // call with mutex_ held
  [[nodiscard]] std::string bar_line(bool final, double elapsed) const;
  [[nodiscard]] std::string json_line(bool final, double elapsed) const;

  const std::string task_;
  const Output output_;
  const Clock::time_point start_;
  const Clock::duration interval_;
  std::atomic<std::size_t> done_{0};
  std::atomic<std::size_t> total_{0};
  std::atomic<bool> has_total_{false};
  std::atomic<Clock::rep> next_draw_;  // ticks since start_ before which add() does not draw
  std::mutex mutex_;                   // guards drawing and the members below
  bool finished_ = false;
  bool bar_open_ = false;  // a bar is on screen without its newline
};

}  // namespace annosearch::cli
