// A parallel for-loop over indices on a fixed number of threads; results go to per-index slots.
#pragma once

#include <cstddef>
#include <functional>

namespace surveycheck::engine {

// Call `body(i)` for every i in [0, count) on up to `jobs` threads (the caller's included); rethrows the
// first exception once every thread has stopped.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body);

}  // namespace surveycheck::engine
