"""What the benchmark scripts share: a set of labelled containers, and a median timer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import docker

LABEL = "dw-bench"


def ensure_containers(api: docker.APIClient, count: int) -> None:
    """Make the engine hold exactly *count* benchmark containers (labelled ``dw-bench``)."""
    have = api.containers(all=True, filters={"label": [LABEL]}, quiet=True)
    for container in have[count:]:
        api.remove_container(container["Id"], force=True)
    for index in range(len(have), count):
        api.create_container("busybox", command=["sleep", "1"], labels={LABEL: str(index)}, name=f"bench_{index}")


def remove_containers(api: docker.APIClient) -> None:
    """Remove every benchmark container."""
    for container in api.containers(all=True, filters={"label": [LABEL]}, quiet=True):
        api.remove_container(container["Id"], force=True)


def median_ms(function: Callable[[], object], repeat: int) -> float:
    """Median wall time of *function* in milliseconds, after one warm-up call."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def interleaved_medians(functions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median wall time (ms) of each function, timed in turn round after round, so load drifts hit all alike."""
    for function in functions.values():
        function()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def interleaved_samples(
    functions: dict[str, Callable[[], object]], repeat: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Each function's wall and CPU times (ms), one of each per round, timed in turn round after round.

    The order turns by one each round: what follows the CLI's process (or any other) is not
    always the same function.

    The CPU time is this process's own (``time.process_time``): what the client spends,
    apart from the engine's time to answer, and less sensitive to the machine's load.
    """
    for function in functions.values():
        function()
    samples: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in functions}
    order = list(functions.items())
    for round_ in range(repeat):
        shift = round_ % len(order)  # each starts a round in turn: none always follows the same one
        for name, function in order[shift:] + order[:shift]:
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            samples[name][1].append((time.process_time() - start_cpu) * 1000)
            samples[name][0].append((time.perf_counter() - start) * 1000)
    return samples


def interleaved_times(functions: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    """``(wall, cpu)`` medians in ms of each function, timed in turn round after round."""
    samples = interleaved_samples(functions, repeat)
    return {name: (statistics.median(wall), statistics.median(cpu)) for name, (wall, cpu) in samples.items()}


def paired_ratio(samples: dict[str, tuple[list[float], list[float]]], numerator: str, denominator: str) -> float:
    """The median over rounds of one function's wall time over another's in the same round."""
    return statistics.median(a / b for a, b in zip(samples[numerator][0], samples[denominator][0], strict=True))
