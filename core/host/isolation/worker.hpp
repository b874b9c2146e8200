// The worker side of plugin isolation: creates a plugin's rules and runs their checks for a supervising host.
#pragma once

namespace surveycheck::host {

// Serve the host on `channel` (a connected socket) until it closes; returns the process exit code.
int run_worker(int channel);

}  // namespace surveycheck::host
