// The `annosearch` command: wires the subcommands together and maps failures to exit codes.
#include <array>
#include <cstdio>
#include <iostream>
#include <string_view>

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

using Register = void (*)(CLI::App&, annosearch::cli::Context&);
struct Command {
  std::string_view name;
  Register add;  // registers this command (and its neighbours in the table with the same function)
};

// Every command, in the order `annosearch --help` lists them.
constexpr std::array kCommands{
    Command{"validate", annosearch::cli::register_validate},
    Command{"build", annosearch::cli::register_build},
    Command{"search", annosearch::cli::register_search},
    Command{"facets", annosearch::cli::register_search},
    Command{"stats", annosearch::cli::register_stats},
    Command{"entities", annosearch::cli::register_entities},
    Command{"import", annosearch::cli::register_import},
    Command{"update", annosearch::cli::register_update},
    Command{"delete", annosearch::cli::register_update},
    Command{"verify", annosearch::cli::register_verify},
    Command{"compact", annosearch::cli::register_verify},
    Command{"export", annosearch::cli::register_export},
    Command{"kwic", annosearch::cli::register_kwic},
    Command{"timeline", annosearch::cli::register_timeline},
    Command{"cooccur", annosearch::cli::register_cooccur},
    Command{"show", annosearch::cli::register_show},
    Command{"compare", annosearch::cli::register_compare},
    Command{"annotate", annosearch::cli::register_annotate},
    Command{"eval-annotations", annosearch::cli::register_annotate},
    Command{"serve", annosearch::cli::register_serve},
};

// Registers the command named `first` (the first argument) alone when there is one: building
// every command's options costs a process about a millisecond (docs/performance.md), and a
// command's parse never looks at the others. Anything else (no command, an option, a mistyped
// name) registers them all, for the overview and the "unknown command" message.
void register_commands(CLI::App& app, annosearch::cli::Context& ctx, std::string_view first) {
  for (const Command& c : kCommands) {
    if (c.name == first) {
      c.add(app, ctx);
      return;
    }
  }
  Register previous = nullptr;
  for (const Command& c : kCommands) {
    if (c.add != previous) c.add(app, ctx);
    previous = c.add;
  }
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
  register_commands(app, ctx, argc > 1 ? argv[1] : "");
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
  return annosearch::cli::parse_and_run(app, ctx, argc, argv);
}
