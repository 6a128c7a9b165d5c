"""Images: ``pull``, ``images``, ``rmi``, ``image prune``."""

from __future__ import annotations

from typing import Any

from ..argparsing import CommandParser, add_flag
from ..engine import Engine
from ..errors import UsageError, fail
from ..frames import images_frame
from ..humanize import human_size
from ..ops import images as ops
from ..reference import Reference
from ..results import CliText, Confirmation, IdList, PanelRequest, lines
from .containers import parse_filters
from .registry import command


def reference_or_fail(text: str) -> Reference:
    """Parse an image reference; a malformed one gets the engine's one-line message."""
    return ops.reference(text)


def pull_image(
    engine: Engine, reference: Reference, options: dict[str, Any], show: bool = True, platform: str | None = None
) -> list[str]:
    """Pull *reference*, its bars shown where the caller's ``progress`` view factory puts them."""
    make_view = options.get("progress") if show else None
    view = make_view(reference.with_default_tag().familiar()) if make_view else None
    try:
        return ops.pull(engine, reference, on_progress=view.update if view is not None else None, platform=platform)
    finally:
        if view is not None:
            view.finish()


def pull_missing_image(
    engine: Engine, reference: Reference, options: dict[str, Any], platform: str | None = None
) -> None:
    """Pull an image the engine lacks, failing as the CLI does: ``Unable to find image … locally``."""
    try:
        pull_image(engine, reference, options, platform=platform)
    except UsageError as exc:
        raise fail(f"Unable to find image '{reference.with_default_tag().familiar()}' locally; {exc}") from None


_pull = CommandParser("pull", "exactly 1 argument", "docker pull [OPTIONS] NAME[:TAG|@DIGEST]")
add_flag(_pull, "-a", "--all-tags", help="Download all tagged images in the repository")
add_flag(_pull, "-q", "--quiet", help="Suppress verbose output")
_pull.add_argument("--platform", help="Set platform if server is multi-platform capable")
_pull.add_argument("name", metavar="NAME[:TAG|@DIGEST]")


@command("pull")
def pull(args: list[str], engine: Engine, **options: Any) -> CliText:
    """``docker pull``: per-layer progress while it runs; returns the CLI's summary lines."""
    ns = _pull.parse(args)
    reference = reference_or_fail(ns.name)
    if ns.all_tags:
        raise fail("docker pull --all-tags is not supported by dockerwidgets")
    result = pull_image(engine, reference, options, show=not ns.quiet, platform=ns.platform)
    if reference.tag is None and reference.digest is None:
        result.insert(0, "Using default tag: latest")
    return CliText(result[-1] if ns.quiet else "\n".join(result))


_images = CommandParser("images", "at most 1 argument", "docker images [OPTIONS] [REPOSITORY[:TAG]]")
add_flag(_images, "-a", "--all", help="Show all images (default hides intermediate images)")
add_flag(_images, "--digests", help="Show digests")
_images.add_argument("-f", "--filter", action="append", help="Filter output based on conditions provided")
add_flag(_images, "--no-trunc", help="Don't truncate output")
add_flag(_images, "-q", "--quiet", help="Only show image IDs")
_images.add_argument("--panel", action="store_true", help="Show the images panel")
_images.add_argument("repository", nargs="?", metavar="REPOSITORY[:TAG]")


@command("images")
def images(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker images``: a DataFrame (REPOSITORY, TAG, IMAGE ID, CREATED, SIZE); ``-q``: ids."""
    ns = _images.parse(args)
    if ns.panel:  # the live table of images, with pull, remove and a run form
        return PanelRequest("images", engine)
    filters = parse_filters(ns.filter)
    if ns.repository:
        filters.setdefault("reference", []).append(ns.repository)
    found = ops.list_images(engine, all=ns.all, filters=filters)
    if ns.quiet:
        ids = [image["Id"] if ns.no_trunc else image["Id"].split(":", 1)[-1][:12] for image in found]
        return IdList(dict.fromkeys(ids))
    frame = images_frame(found, no_trunc=ns.no_trunc)
    if ns.digests:
        frame.insert(2, "DIGEST", frame.docker.typed["digest"].fillna("<none>").to_list())
    return frame


_rmi = CommandParser("rmi", "at least 1 argument", "docker rmi [OPTIONS] IMAGE [IMAGE...]")
add_flag(_rmi, "-f", "--force", help="Force removal of the image")
add_flag(_rmi, "--no-prune", help="Do not delete untagged parents")
_rmi.add_argument("images", nargs="+", metavar="IMAGE")


@command("rmi")
def rmi(args: list[str], engine: Engine, **_: Any) -> CliText | None:
    """``docker rmi``: prints ``Untagged: …`` and ``Deleted: …`` lines as the CLI does."""
    ns = _rmi.parse(args)
    return lines(ops.remove_images(engine, ns.images, force=ns.force, noprune=ns.no_prune))


_image_prune = CommandParser("image prune", "no arguments", "docker image prune [OPTIONS]")
add_flag(_image_prune, "-a", "--all", help="Remove all unused images, not just dangling ones")
add_flag(_image_prune, "-f", "--force", help="Do not prompt for confirmation")
_image_prune.add_argument("--filter", action="append", help="Provide filter values")


@command("image prune")
def image_prune(args: list[str], engine: Engine, **_: Any) -> Any:
    """``docker image prune``: asks first unless ``-f``."""
    ns = _image_prune.parse(args)
    filters = parse_filters(ns.filter, "--filter")

    def prune() -> CliText:
        report = ops.prune_images(engine, filters, all=ns.all)
        deleted = [f"{k}: {v}" for item in report.get("ImagesDeleted") or [] for k, v in item.items()]
        text = ["Deleted Images:", *deleted, ""] if deleted else []
        text.append(f"Total reclaimed space: {human_size(report.get('SpaceReclaimed') or 0)}")
        return CliText("\n".join(text))

    if ns.force:
        return prune()
    warning = (
        "WARNING! This will remove all images without at least one container associated to them."
        if ns.all
        else "WARNING! This will remove all dangling images."
    )
    return Confirmation(warning, prune)
