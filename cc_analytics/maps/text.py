"""On-screen text of the maps, in Indonesian, kept in one place."""

from __future__ import annotations

NO_DATA = "tidak ada data"

CAPTION_SCHEMATIC_KECAMATAN = (
    "Peta skematis: tiap segi enam adalah satu kecamatan, diletakkan mendekati titik tengah wilayahnya "
    "(sumber titik tengah: data/reference/kecamatan_3514.csv). Bentuk dan luas tidak sebenarnya. "
    "Untuk peta batas sebenarnya, impor berkas batas wilayah: python -m cc_analytics boundaries import BERKAS."
)

CAPTION_SCHEMATIC_DESA = (
    "Peta skematis: tiap kotak adalah satu desa/kelurahan, disusun menurut kode di dalam segi enam "
    "kecamatannya. Letak, bentuk, dan luas tidak sebenarnya. Untuk peta desa sebenarnya, impor berkas batas "
    "desa: python -m cc_analytics boundaries import BERKAS."
)

KEC_OUTLINE_NOTE = "kecamatan (klik untuk melihat desanya)"

LOCATOR_TITLE = "Letak Kecamatan {nama}"

NO_GEOMETRY = "{n} wilayah tidak mempunyai batas dalam berkas dan tidak tergambar: {names}."

BOUNDARY_SOURCE = "Batas wilayah: {source}."

NO_BOUNDARIES = (
    "Berkas batas wilayah tidak memuat {level} untuk bagian ini. Impor ulang berkas batas yang lengkap "
    "(python -m cc_analytics boundaries import BERKAS)."
)

LEVEL_LABEL = {"kecamatan": "kecamatan", "desa": "desa/kelurahan"}
