// Interrupts (SIGINT, SIGTERM, SIGHUP, SIGPIPE) remove the run's temporary files before the process ends.
#pragma once

#include <string>

namespace surveycheck::cli {

// Install the handlers, and remove what is still tracked at exit(); call once, at start-up.
void clean_up_on_interrupt();

// Remove every tracked temporary file now; async-signal-safe.
void remove_temporaries();

// Remember `path` for removal on an interrupt; its slot, or -1 when too many are open.
int track_temporary(const std::string& path);

// Forget a slot once its file is renamed or removed.
void untrack_temporary(int slot);

// While one lives, an interrupt waits: it takes effect (temporaries removed) when the last one ends.
class InterruptsHeld {
public:
    InterruptsHeld();
    ~InterruptsHeld();
    InterruptsHeld(const InterruptsHeld&) = delete;
    InterruptsHeld& operator=(const InterruptsHeld&) = delete;
};

}  // namespace surveycheck::cli
