// The `annosearch` command: wires the subcommands together and maps failures to exit codes.
#include <cstdio>
#include <iostream>

#include <unicode/uversion.h>
#include <xapian.h>

#include "core/error.h"
#include "core/escape.h"
#include "core/schema.h"
#include "core/version.h"
#include "tools/annosearch/common.h"

namespace {

std::string version_text() {
  return std::string("annosearch ") + annosearch::kVersion + "\nindex schema version " +
         std::to_string(annosearch::schema::kSchemaVersion) + "\nXapian " +
         Xapian::version_string() + "\nICU " + U_ICU_VERSION;
}

}  // namespace

int main(int argc, char** argv) {
  using annosearch::ExitCode;
  CLI::App app{
      "annosearch: full-text search for annotated news archives.\n"
      "Search by actor, date and theme with exact facet counts.",
      "annosearch"};
  app.set_version_flag("--version", version_text(),
                       "Print the version, the Xapian and ICU "
                       "versions and the index schema version");
  app.require_subcommand(1);
  annosearch::cli::Context ctx;
  annosearch::cli::register_validate(app, ctx);
  annosearch::cli::register_build(app, ctx);
  annosearch::cli::register_search(app, ctx);
  annosearch::cli::register_stats(app, ctx);
  annosearch::cli::register_entities(app, ctx);
  annosearch::cli::register_import(app, ctx);
  annosearch::cli::register_update(app, ctx);
  annosearch::cli::register_verify(app, ctx);
  annosearch::cli::register_export(app, ctx);
  annosearch::cli::register_kwic(app, ctx);
  annosearch::cli::register_timeline(app, ctx);
  annosearch::cli::register_cooccur(app, ctx);
  annosearch::cli::register_show(app, ctx);
  annosearch::cli::register_compare(app, ctx);
  annosearch::cli::register_annotate(app, ctx);
  annosearch::cli::register_serve(app, ctx);
  // No command at all: the overview of the commands, as a usage error.
  if (argc == 1) {
    std::cerr << app.help() << "\nStart with `annosearch build --index DIR INPUT...`, then "
              << "`annosearch search --index DIR WORDS`; `annosearch COMMAND --help` for each.\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  // A mistyped command would otherwise be reported by CLI11 as "A subcommand is required".
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::string names;
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) {
      known = known || sub->get_name() == word;
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::cerr << "annosearch: unknown command \"" << annosearch::escape_control(word)
                << "\"; the commands are " << names << "; see `annosearch --help`\n";
      return static_cast<int>(ExitCode::kUsage);
    }
  }
  try {
    app.parse(argc, argv);
    // Output lost on a full disk or /dev/full is an error, not a success (exit 4).
    annosearch::cli::check_standard_output();
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" that succeed; print them as CLI11 does.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "annosearch: " << e.what() << "; see `annosearch --help` or `annosearch "
              << "COMMAND --help`\n";
    return static_cast<int>(ExitCode::kUsage);
  } catch (const annosearch::Error& e) {
    std::cout.flush();
    std::cerr << "annosearch: " << annosearch::escape_control(e.what()) << '\n';
    return static_cast<int>(e.exit_code());
  } catch (const Xapian::DatabaseLockError& e) {
    std::cerr << "annosearch: the index is locked by another writer: " << e.get_msg() << '\n';
    return static_cast<int>(ExitCode::kIndex);
  } catch (const Xapian::DatabaseError& e) {
    // A failed read or write of the disk (ENOSPC, EIO, EFBIG) is not a damaged index: exit 4, as a
    // build that hits it does. Xapian keeps the errno for these.
    if (e.get_error_string() != nullptr) {
      std::cerr << "annosearch: cannot read or write the index: " << e.get_description()
                << "; nothing was changed (the published index is as it was)\n";
      return static_cast<int>(ExitCode::kInternal);
    }
    std::cerr << "annosearch: index error: " << e.get_description()
              << "; check the --index path, or rebuild with `annosearch build`\n";
    return static_cast<int>(ExitCode::kIndex);
  } catch (const Xapian::Error& e) {
    std::cerr << "annosearch: internal error: " << e.get_description() << '\n';
    return static_cast<int>(ExitCode::kInternal);
  } catch (const std::exception& e) {
    std::cerr << "annosearch: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kInternal);
  }
  return ctx.exit_code;
}
