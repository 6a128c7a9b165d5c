"""``docker info``'s ``Server:`` section from the engine's ``GET /info``: a port of docker/cli 28's
``prettyPrintServerInfo`` and ``printSwarmInfo`` (cli/command/system/info.go), label for label.

Where the CLI walks a Go map (runtimes, insecure registries) its order is random from one run
to the next; here it is the engine's (sorted by name).
"""

from __future__ import annotations

from typing import Any

from .gotemplate import go_sprint
from .gotime import rfc3339_time_text
from .humanize import binary_size, human_duration


def _println(*values: Any) -> str:
    """Go's ``fmt.Println`` of its operands: each as ``%v``, separated by a space."""
    return " ".join(value if isinstance(value, str) else go_sprint(value) for value in values)


class _Lines(list):
    def add(self, *values: Any) -> None:
        self.append(_println(*values))

    def add_non_empty(self, label: str, value: str | None) -> None:
        if value:
            self.append(f"{label} {value}")


def decode_security_options(options: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """moby ``system.DecodeSecurityOptions``: ``name=seccomp,profile=default`` as ``("seccomp", [("profile", "default")])``."""
    decoded = []
    for option in options:
        if option in ("apparmor", "selinux"):  # engines before API 1.24 sent bare names
            decoded.append((option, []))
            continue
        name, pairs = "", []
        for pair in option.split(","):
            key, sep, value = pair.partition("=")
            if not sep:
                raise ValueError(f"invalid security option {pair!r}")
            if key == "name":
                name = value
            else:
                pairs.append((key, value))
        decoded.append((name, pairs))
    return decoded


def server_lines(info: dict) -> list[str]:
    """The lines the CLI prints under ``Server:`` for this ``/info`` (each begins with a space; a blank one ends them)."""
    out = _Lines()
    out.add(" Containers:", info.get("Containers", 0))
    out.add("  Running:", info.get("ContainersRunning", 0))
    out.add("  Paused:", info.get("ContainersPaused", 0))
    out.add("  Stopped:", info.get("ContainersStopped", 0))
    out.add(" Images:", info.get("Images", 0))
    out.add_non_empty(" Server Version:", info.get("ServerVersion"))
    out.add_non_empty(" Storage Driver:", info.get("Driver"))
    out.extend(f"  {pair[0]}: {pair[1]}" for pair in info.get("DriverStatus") or [])
    out.extend(f" {pair[0]}: {pair[1]}" for pair in info.get("SystemStatus") or [])
    out.add_non_empty(" Logging Driver:", info.get("LoggingDriver"))
    out.add_non_empty(" Cgroup Driver:", info.get("CgroupDriver"))
    out.add_non_empty(" Cgroup Version:", info.get("CgroupVersion"))

    plugins = info.get("Plugins") or {}
    out.add(" Plugins:")
    out.add("  Volume:", " ".join(plugins.get("Volume") or []))
    out.add("  Network:", " ".join(plugins.get("Network") or []))
    if plugins.get("Authorization"):
        out.add("  Authorization:", " ".join(plugins["Authorization"]))
    out.add("  Log:", " ".join(plugins.get("Log") or []))

    if info.get("CDISpecDirs"):
        out.add(" CDI spec directories:")
        out.extend(f"  {folder}" for folder in info["CDISpecDirs"])
    if info.get("DiscoveredDevices"):
        out.add(" Discovered Devices:")
        out.extend(f"  {device.get('Source', '')}: {device.get('ID', '')}" for device in info["DiscoveredDevices"])

    swarm = info.get("Swarm") or {}
    out.add(" Swarm:", swarm.get("LocalNodeState") or "")
    out.extend(swarm_lines(swarm))

    runtimes = info.get("Runtimes") or {}
    if runtimes:
        out.add(" Runtimes:", " ".join(runtimes))
        out.add(" Default Runtime:", info.get("DefaultRuntime") or "")

    if info.get("OSType") == "linux":
        out.add(" Init Binary:", info.get("InitBinary") or "")
        out.add(" containerd version:", (info.get("ContainerdCommit") or {}).get("ID") or "")
        out.add(" runc version:", (info.get("RuncCommit") or {}).get("ID") or "")
        out.add(" init version:", (info.get("InitCommit") or {}).get("ID") or "")
        if info.get("SecurityOptions"):
            try:
                options = decode_security_options(info["SecurityOptions"])
            except ValueError:
                options = None
            if options is not None:
                out.add(" Security Options:")
                for name, pairs in options:
                    out.add("  " + name)
                    out.extend(f"   Profile: {value}" for key, value in pairs if key == "profile")
    if info.get("OSType") == "windows":
        out.add(" Default Isolation:", info.get("Isolation") or "")

    out.add_non_empty(" Kernel Version:", info.get("KernelVersion"))
    out.add_non_empty(" Operating System:", info.get("OperatingSystem"))
    out.add_non_empty(" OSType:", info.get("OSType"))
    out.add_non_empty(" Architecture:", info.get("Architecture"))
    out.add(" CPUs:", info.get("NCPU", 0))
    out.add(" Total Memory:", binary_size(float(info.get("MemTotal") or 0)))
    out.add_non_empty(" Name:", info.get("Name"))
    out.add_non_empty(" ID:", info.get("ID"))
    out.add(" Docker Root Dir:", info.get("DockerRootDir") or "")
    out.add(" Debug Mode:", bool(info.get("Debug")))
    if info.get("Debug"):
        out.add("  File Descriptors:", info.get("NFd", 0))
        out.add("  Goroutines:", info.get("NGoroutines", 0))
        out.add("  System Time:", rfc3339_time_text(info.get("SystemTime")))
        out.add("  EventsListeners:", info.get("NEventsListener", 0))

    out.add_non_empty(" HTTP Proxy:", info.get("HttpProxy"))
    out.add_non_empty(" HTTPS Proxy:", info.get("HttpsProxy"))
    out.add_non_empty(" No Proxy:", info.get("NoProxy"))
    if info.get("Labels"):
        out.add(" Labels:")
        out.extend(f"  {label}" for label in info["Labels"])
    out.add(" Experimental:", bool(info.get("ExperimentalBuild")))

    registry = info.get("RegistryConfig")
    if registry and (registry.get("InsecureRegistryCIDRs") or registry.get("IndexConfigs")):
        out.add(" Insecure Registries:")
        out.extend(
            f"  {config.get('Name', '')}"
            for config in (registry.get("IndexConfigs") or {}).values()
            if not config.get("Secure")
        )
        out.extend(f"  {cidr}" for cidr in registry.get("InsecureRegistryCIDRs") or [])
    if registry and registry.get("Mirrors"):
        out.add(" Registry Mirrors:")
        out.extend(f"  {mirror}" for mirror in registry["Mirrors"])

    out.add(" Live Restore Enabled:", bool(info.get("LiveRestoreEnabled")))
    if info.get("ProductLicense"):
        out.add(" Product License:", info["ProductLicense"])
    if info.get("DefaultAddressPools"):
        out.add(" Default Address Pools:")
        out.extend(
            f"   Base: {pool.get('Base', '')}, Size: {pool.get('Size', 0)}" for pool in info["DefaultAddressPools"]
        )
    out.add("")
    return list(out)


def swarm_lines(swarm: dict) -> list[str]:
    """``printSwarmInfo``: nothing for an inactive or locked node; the node, and for a manager the cluster."""
    state = swarm.get("LocalNodeState") or ""
    if state in ("inactive", "locked"):
        return []
    out = _Lines()
    out.add("  NodeID:", swarm.get("NodeID") or "")
    if swarm.get("Error"):
        out.add("  Error:", swarm["Error"])
    manager = bool(swarm.get("ControlAvailable"))
    out.add("  Is Manager:", manager)
    cluster = swarm.get("Cluster")
    if cluster and manager and not swarm.get("Error") and state != "error":
        spec = cluster.get("Spec") or {}
        raft = spec.get("Raft") or {}
        ca = spec.get("CAConfig") or {}
        out.add("  ClusterID:", cluster.get("ID") or "")
        out.add("  Managers:", swarm.get("Managers", 0))
        out.add("  Nodes:", swarm.get("Nodes", 0))
        if cluster.get("DefaultAddrPool") is not None:
            out.add("  Default Address Pool:", "".join(pool + "  " for pool in cluster["DefaultAddrPool"]))
            out.add("  SubnetSize:", cluster.get("SubnetSize", 0))
        if (cluster.get("DataPathPort") or 0) > 0:
            out.add("  Data Path Port:", cluster["DataPathPort"])
        out.add("  Orchestration:")
        out.add(
            "   Task History Retention Limit:", (spec.get("Orchestration") or {}).get("TaskHistoryRetentionLimit") or 0
        )
        out.add("  Raft:")
        out.add("   Snapshot Interval:", raft.get("SnapshotInterval", 0))
        if raft.get("KeepOldSnapshots") is not None:
            out.add(f"   Number of Old Snapshots to Retain: {raft['KeepOldSnapshots']}")
        out.add("   Heartbeat Tick:", raft.get("HeartbeatTick", 0))
        out.add("   Election Tick:", raft.get("ElectionTick", 0))
        out.add("  Dispatcher:")
        period = (spec.get("Dispatcher") or {}).get("HeartbeatPeriod") or 0
        out.add("   Heartbeat Period:", human_duration(period / 1e9))
        out.add("  CA Configuration:")
        out.add("   Expiry Duration:", human_duration((ca.get("NodeCertExpiry") or 0) / 1e9))
        out.add("   Force Rotate:", ca.get("ForceRotate", 0))
        signing = (ca.get("SigningCACert") or "").strip()
        if signing:
            out.extend(f"   Signing CA Certificate: \n{signing}\n\n".split("\n")[:-1])
        if ca.get("ExternalCAs"):
            out.add("   External CAs:")
            out.extend(f"     {entry.get('Protocol', '')}: {entry.get('URL', '')}" for entry in ca["ExternalCAs"])
        out.add("  Autolock Managers:", bool((spec.get("EncryptionConfig") or {}).get("AutoLockManagers")))
        out.add("  Root Rotation In Progress:", bool(cluster.get("RootRotationInProgress")))
    out.add("  Node Address:", swarm.get("NodeAddr") or "")
    managers = sorted(entry.get("Addr") or "" for entry in swarm.get("RemoteManagers") or [])
    if managers:
        out.add("  Manager Addresses:")
        out.extend(f"   {address}" for address in managers)
    return list(out)


def server_text(info: dict) -> str:
    """``Server:`` and its lines, then the engine's warnings, as ``docker info`` shows them in a terminal."""
    return "\n".join(["Server:", *server_lines(info), *(info.get("Warnings") or [])]).rstrip("\n")
