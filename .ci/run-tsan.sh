#!/usr/bin/env bash
# The training controller under the sanitizers, each in its own build folder:
#  1. ThreadSanitizer: the controller tests and the stress test; any report fails.
#  2. AddressSanitizer + UndefinedBehaviorSanitizer with LeakSanitizer: the stress test, the
#     sequence editor (whose destruction once read freed members) and the monkey test of the
#     whole window (random user actions with a fixed seed; a short count here, 10,000 by hand).
# Qt is the system's (not instrumented). TrainingWorker hands data over with std::mutex, which
# TSan sees, rather than through Qt's futex-based queues, which it would not; the suppression
# files list only reports that lie wholly inside uninstrumented system libraries.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc)
export QT_QPA_PLATFORM=offscreen

echo "== ThreadSanitizer: training controller tests"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRNNLAB_SANITIZE=thread -DRNNLAB_NATIVE=OFF -DRNNLAB_BUILD_BENCHMARKS=OFF
cmake --build build-tsan -j "$jobs" --target ui_training_controller_test ui_training_stress_test
for test in ui_training_controller_test ui_training_stress_test; do
  echo "-- $test"
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 exitcode=66 suppressions=$root/.ci/tsan-suppressions.txt" \
    "build-tsan/tests/ui/$test"
done

echo "== AddressSanitizer + UBSan + LeakSanitizer: training stress test, sequence editor, monkey"
cmake -S . -B build-asan-ui -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRNNLAB_SANITIZE=address,undefined -DRNNLAB_NATIVE=OFF -DRNNLAB_BUILD_BENCHMARKS=OFF
cmake --build build-asan-ui -j "$jobs" --target ui_training_stress_test ui_sequence_editor_test \
  ui_monkey_test
ASAN_OPTIONS="detect_leaks=1 abort_on_error=1" \
  LSAN_OPTIONS="suppressions=$root/.ci/lsan-suppressions.txt print_suppressions=1" \
  UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1" \
  build-asan-ui/tests/ui/ui_training_stress_test
ASAN_OPTIONS="detect_leaks=1 abort_on_error=1" \
  LSAN_OPTIONS="suppressions=$root/.ci/lsan-suppressions.txt print_suppressions=1" \
  UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1" \
  build-asan-ui/tests/ui/ui_sequence_editor_test
# The seed is printed first; a failure names the action to replay (see monkey_test.cpp).
ASAN_OPTIONS="detect_leaks=1 abort_on_error=1" \
  LSAN_OPTIONS="suppressions=$root/.ci/lsan-suppressions.txt print_suppressions=1" \
  UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1" \
  RNNLAB_MONKEY_ACTIONS="${RNNLAB_MONKEY_ACTIONS:-500}" \
  build-asan-ui/tests/ui/ui_monkey_test

echo "== sanitizers: clean"
