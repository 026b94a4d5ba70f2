"""On-screen text of the maps, in Indonesian, kept in one place."""

from __future__ import annotations

NO_DATA = "tidak ada data"

CAPTION_SCHEMATIC_KECAMATAN = (
    "Peta skematis: tiap segi enam adalah satu kecamatan, diletakkan mendekati titik tengah wilayahnya. "
    "Bentuk dan luas tidak sebenarnya."
)

CAPTION_SCHEMATIC_DESA = (
    "Peta skematis: tiap kotak adalah satu desa/kelurahan, disusun menurut kode di dalam segi enam "
    "kecamatannya. Letak, bentuk, dan luas tidak sebenarnya."
)

KEC_OUTLINE_NOTE = "kecamatan (klik untuk melihat desanya)"

LOCATOR_TITLE = "Letak Kecamatan {nama}"

NO_GEOMETRY = "{n} wilayah tidak mempunyai batas dalam berkas dan tidak tergambar: {names}."

BOUNDARY_SOURCE = "Batas wilayah: {source}."

NO_BOUNDARIES = (
    "Batas wilayah yang terpasang tidak memuat {level} untuk bagian ini, jadi bagian ini belum dapat "
    "digambar. Pengelola aplikasi perlu memasang berkas batas wilayah yang lengkap."
)

LEVEL_LABEL = {"kecamatan": "kecamatan", "desa": "desa/kelurahan"}
