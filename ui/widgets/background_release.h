#pragma once

// Drops references to large immutable data (training snapshots, their weights and traces) on a
// thread of its own, so that when one is the last reference the destructor (freeing tens of MB
// at the largest sizes, which can take longer than a frame) does not run on the GUI thread.
//
// Only for data whose destruction is thread-safe: immutable values (Eigen matrices, std
// containers, implicitly shared Qt values), never QObjects.

#include <memory>

// Hands `reference` to the release thread when it may be the last one; a reference that is
// certainly not the last is dropped here (an atomic decrement costs nothing). Thread-safe. At
// exit, references still queued are dropped by the exiting thread.
void releaseInBackground(std::shared_ptr<const void> reference);

// Waits until every reference handed over so far has been dropped (for tests).
void waitForBackgroundRelease();
