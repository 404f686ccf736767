"""scripts/deploy: publish site/ to an S3-compatible bucket, only what changed, in an order that
never shows a reader a page whose images are missing (even if the upload is killed halfway).

    AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… scripts/deploy --bucket phunu-langson \\
        --endpoint https://<account>.r2.cloudflarestorage.com [--prefix ""] [--dry-run]

Settings may also come from the environment: S3_BUCKET, S3_ENDPOINT_URL (or AWS_ENDPOINT_URL),
S3_PREFIX, AWS_REGION. Credentials come from the environment only and are never printed.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import sys
import time
from pathlib import Path

from ..cli import Parser, whole_number
from ..options import check_options, published_folders
from ..project import read_settings, settings_problem
from .plan import DEFAULT_RETENTION_YEARS, Plan, body, make_plan
from .policy import KIND_NAMES, PHASE_NAMES
from .store import MissingCredentials, Store, redact


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = Parser(prog="scripts/deploy", description="Đăng site/ lên kho lưu trữ đối tượng (S3, R2…): chỉ "
                    "những gì đã đổi, theo thứ tự không để người đọc gặp trang thiếu ảnh (publish site/ to S3).")
    parser.add_argument("--site", type=Path, default=Path("site"), help="trang đã dựng (mặc định site/)")
    parser.add_argument("--bucket", default=os.environ.get("S3_BUCKET"), help="tên kho (bucket), hoặc S3_BUCKET")
    parser.add_argument("--prefix", default=os.environ.get("S3_PREFIX", ""), help="thư mục trong kho (S3_PREFIX)")
    parser.add_argument("--endpoint", default=os.environ.get("S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL"),
                        help="địa chỉ S3 của kho (S3_ENDPOINT_URL); bỏ trống với AWS S3")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"),
                        help="vùng của kho (AWS_REGION)")
    parser.add_argument("--config", type=Path, default=None,
                        help="mkdocs.yml, để đọc card_retention (mặc định: tệp cạnh thư mục trang)")
    parser.add_argument("--no-gzip", dest="gzip", action="store_false", help="tải văn bản lên không nén")
    parser.add_argument("--force", action="store_true", help="tải lại mọi tệp (đặt lại tiêu đề HTTP)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ nói sẽ đổi gì, không đổi gì")
    parser.add_argument("--workers", type=whole_number(1, 64), default=16, help="số tệp tải cùng lúc (mặc định 16)")
    parser.add_argument("--verbose", action="store_true", help="mỗi tệp tải lên một dòng")
    return parser.parse_args(argv)


def retention_years(config: Path) -> float:
    """`card_retention` (years) of the lantoa plugin in mkdocs.yml, as the build reads it (`options.py`:
    a wrong value's default, 3). ValueError when mkdocs.yml is not there or not readable: the cards
    the build keeps must not be deleted by a retention guessed (the one in the folder the command
    ran from, or 3 years, deleted cards of a site that keeps them 10)."""
    if not config.is_file() or settings_problem(config.resolve().parent) is not None:
        raise ValueError(f"không đọc được {config} (cần card_retention của trang; ghi --config mkdocs.yml của dự án)")
    data, options = read_settings(config.resolve().parent)
    return float(check_options(options or {}, config.resolve().parent, published_folders(data))[0]["card_retention"])


def main(argv: list[str]) -> int:
    args = arguments(argv)
    try:
        return deploy(args)
    except MissingCredentials as error:
        print(f"scripts/deploy: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # the store's errors: one line, credentials blanked, no traceback
        print(redact(f"scripts/deploy: lỗi khi đăng: {type(error).__name__}: {error}"), file=sys.stderr)
        return 1


def deploy(args: argparse.Namespace) -> int:
    if not args.bucket:
        print("scripts/deploy: cần --bucket (hoặc biến môi trường S3_BUCKET)", file=sys.stderr)
        return 2
    if not (args.site / "index.html").is_file():
        print(f"scripts/deploy: {args.site}/ chưa có trang (dựng trang trước: scripts/site)", file=sys.stderr)
        return 2
    try:
        years = retention_years(args.config or args.site.resolve().parent / "mkdocs.yml")
    except ValueError as error:
        print(f"scripts/deploy: {error}", file=sys.stderr)
        return 2
    store = Store(args.bucket, args.prefix, args.endpoint, args.region)
    started = time.perf_counter()
    plan = make_plan(args.site, store.listing(), card_retention_years=years, compress=args.gzip, force=args.force)
    where = f"s3://{args.bucket}/{store.prefix}"
    print(f"Đăng {args.site}/ lên {where}: {len(plan.uploads)} tệp cần tải lên, {plan.unchanged} không đổi, "
          f"{len(plan.deletions)} cần xóa", flush=True)
    if args.dry_run:
        print(summary(plan, years, time.perf_counter() - started, dry=True))
        return 0
    phases = plan.by_phase()
    for number, phase in enumerate(sorted(phases), 1):
        print(f"Bước {number}/{len(phases) + 1}: {PHASE_NAMES[phase]}: {len(phases[phase])} tệp", flush=True)
        upload_all(store, args.site, phases[phase], args.workers, args.verbose)
    print(f"Bước {len(phases) + 1}/{len(phases) + 1}: xóa {len(plan.deletions)} tệp trang mới không còn", flush=True)
    store.delete(plan.deletions)
    print(summary(plan, years, time.perf_counter() - started))
    return 0


def upload_all(store: Store, site: Path, uploads, workers: int, verbose: bool) -> None:
    """One phase, `workers` at once; the next phase starts only when every file of this one is up."""
    def one(upload):
        rule = upload.policy
        store.put(upload.path, body(site, upload.path, rule), rule.content_type, rule.cache_control, rule.gzip)
        return upload.path

    with cf.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for done in cf.as_completed([pool.submit(one, u) for u in uploads]):
            path = done.result()  # a failed upload stops the deploy before the next phase
            if verbose:
                print(f"↑ {path}", flush=True)


def summary(plan: Plan, years: float, seconds: float, dry: bool = False) -> str:
    counts = plan.counts()
    kinds = ", ".join(f"{KIND_NAMES[k]} {n}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    sent = sum(u.size for u in plan.uploads) / 1e6
    verb = "sẽ tải lên" if dry else "đã tải lên"
    kept = (f", giữ {len(plan.kept_cards)} thẻ chia sẻ cũ (chưa quá {years:g} năm)" if plan.kept_cards else "")
    return (f"{'Thử' if dry else 'Xong'}: {verb} {len(plan.uploads)} tệp ({kinds or 'không có'}; {sent:.1f} MB), "
            f"{plan.unchanged} không đổi, {'sẽ xóa' if dry else 'đã xóa'} {len(plan.deletions)}{kept} "
            f"({seconds:.1f} s)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
