// Names the plugin code a thread runs when a fatal signal or a plugin's exit() ends the host process
// (--isolation none, and plugins loaded in-process): the one trace such a run leaves.
#pragma once

#include <string_view>

namespace surveycheck::host {

// While it lives, this thread runs plugin code: `stage` ("check of rule") of `subject`, from `file`.
class RunningPlugin {
public:
    RunningPlugin(std::string_view stage, std::string_view subject, std::string_view file = {});
    ~RunningPlugin();
    RunningPlugin(const RunningPlugin&) = delete;
    RunningPlugin& operator=(const RunningPlugin&) = delete;
};

// The name of `signal` ("SIGSEGV"), "unknown signal" for one surveycheck does not name; async-signal-safe.
const char* signal_name(int signal);

// Have `words` (async-signal-safe) run once before a fatal signal or a plugin's exit() ends the process.
void before_fatal_end(void (*words)());

// From now on, a fatal signal in plugin code is named on standard error before the process dies of it, and
// exit() called by plugin code is named and turned into `exit_code`; once per process, later calls do
// nothing.
void install_fault_report(int exit_code);

}  // namespace surveycheck::host
