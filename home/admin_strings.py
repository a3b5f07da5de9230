# ruff: noqa: E501  (msgids are upstream's, character for character, however long)
"""The project's Indonesian for the Wagtail and wagtail-localize strings editors meet.

Upstream's Indonesian catalogues are incomplete, and Django never loads them for
this site: they are filed under `id_ID` while the site's language is `id`. The
`build` function (run by `manage.py update_catalogues`) writes
`home/admin_locale/id/LC_MESSAGES/django.po` (and `djangojs.po`) from upstream's own Indonesian where it exists plus the texts below
(which win), and compiles them; `LOCALE_PATHS` puts them before every app's
catalogue. `tests/test_admin_indonesian.py` renders the editors' screens in
Indonesian and fails on any upstream msgid still shown in English.
"""

from pathlib import Path

import polib

OUT_DIR = Path(__file__).resolve().parent / "admin_locale"

DJANGO = {
    "1 page selected": "1 halaman dipilih",
    "%(objects)s pages selected": "%(objects)s halaman dipilih",
    "All %(objects)s pages on this screen selected": "Semua %(objects)s halaman di layar ini dipilih",
    "All pages in listing selected": "Semua halaman dalam daftar dipilih",
    "1 document selected": "1 dokumen dipilih",
    "%(objects)s documents selected": "%(objects)s dokumen dipilih",
    "All %(objects)s documents on this screen selected": "Semua %(objects)s dokumen di layar ini dipilih",
    "All documents in listing selected": "Semua dokumen dalam daftar dipilih",
    "1 image selected": "1 gambar dipilih",
    "%(objects)s images selected": "%(objects)s gambar dipilih",
    "All %(objects)s images on this screen selected": "Semua %(objects)s gambar di layar ini dipilih",
    "All images in listing selected": "Semua gambar dalam daftar dipilih",
    "1 user selected": "1 pengguna dipilih",
    "%(objects)s users selected": "%(objects)s pengguna dipilih",
    "All %(objects)s users on this screen selected": "Semua %(objects)s pengguna di layar ini dipilih",
    "All users in listing selected": "Semua pengguna dalam daftar dipilih",
    "1 snippet selected": "1 cuplikan dipilih",
    "%(objects)s snippets selected": "%(objects)s cuplikan dipilih",
    "All %(objects)s snippets on this screen selected": "Semua %(objects)s cuplikan di layar ini dipilih",
    "All snippets in listing selected": "Semua cuplikan dalam daftar dipilih",
    "1 item selected": "1 item dipilih",
    "%(objects)s items selected": "%(objects)s item dipilih",
    "All %(objects)s items on this screen selected": "Semua %(objects)s item di layar ini dipilih",
    "All items in listing selected": "Semua item dalam daftar dipilih",
    "Password": "Kata sandi",
    "Forgotten password?": "Lupa kata sandi?",
    "Remember me": "Ingat saya",
    "workflows": "alur kerja",
    "tasks": "tugas",
    "Sidebar": "Bilah samping",
    "Actions": "Tindakan",
    "Edit account avatar": "Ubah avatar akun",
    "Close dialog": "Tutup dialog",
    "account": "akun",
    "Keyboard shortcuts": "Pintasan papan ketik",
    "All keyboard shortcuts": "Semua pintasan papan ketik",
    "Section": "Bagian",
    "Keyboard shortcut": "Pintasan papan ketik",
    "Toggle section": "Buka/tutup bagian",
    "Application": "Aplikasi",
    "Show keyboard shortcuts": "Tampilkan pintasan papan ketik",
    "Toggle sidebar": "Buka/tutup bilah samping",
    "Toggle minimap": "Buka/tutup peta mini",
    "Close modal dialogs (like this one)": "Tutup dialog (seperti ini)",
    "Save changes": "Simpan perubahan",
    "Add or show comments": "Tambah atau tampilkan komentar",
    "Text editing": "Menyunting teks",
    "Cut": "Potong",
    "Paste": "Tempel",
    "Paste without formatting": "Tempel tanpa format",
    "Text formatting": "Format teks",
    "Insert or edit a link": "Sisipkan atau ubah tautan",
    "Bold": "Tebal",
    "Italic": "Miring",
    "Monospace (code)": "Huruf sama lebar (kode)",
    "Strike-through": "Coret",
    "Superscript": "Superskrip",
    "Subscript": "Subskrip",
    "Search all pages…": "Cari semua halaman…",
    "Pages": "Halaman",
    "Page types usage": "Pemakaian jenis halaman",
    "Aging pages": "Halaman yang lama tidak diubah",
    "Site history": "Riwayat situs",
    "Locked pages": "Halaman terkunci",
    "Workflows": "Alur kerja",
    "Workflow tasks": "Tugas alur kerja",
    "Reports": "Laporan",
    "Editor Guide": "Panduan Editor",
    "Shortcuts": "Pintasan",
    "Help": "Bantuan",
    "Locales": "Bahasa",
    "Locale": "Bahasa",
    "redirects": "pengalihan",
    "documents": "dokumen",
    "Translations": "Terjemahan",
    "Search": "Cari",
    "Search…": "Cari…",
    "Bulk actions": "Tindakan massal",
    "Select": "Pilih",
    "Select row": "Pilih baris",
    "Select all": "Pilih semua",
    "Change privacy": "Ubah privasi",
    "Status": "Status",
    "Pagination": "Halaman daftar",
    "Toggle breadcrumbs": "Buka/tutup jejak navigasi",
    "Show filters": "Tampilkan penyaring",
    "Filter by": "Saring menurut",
    "Back": "Kembali",
    "History": "Riwayat",
    "Current page status:": "Status halaman saat ini:",
    "Visit the live page": "Kunjungi halaman yang tayang",
    "Visible to all. Visit the live page": "Terlihat oleh semua. Kunjungi halaman yang tayang",
    "Visible to all": "Terlihat oleh semua",
    "Private. Visit the live page": "Privat. Kunjungi halaman yang tayang",
    "Side panels": "Panel samping",
    "Toggle side panel": "Buka/tutup panel samping",
    "Side panel width": "Lebar panel samping",
    "Locale: ": "Bahasa: ",
    "Switch locales": "Ganti bahasa",
    "Locking: ": "Penguncian: ",
    "Page visibility: ": "Keterlihatan halaman: ",
    "Once live anyone can view": "Setelah tayang, siapa pun dapat melihat",
    "Not visible to the public": "Tidak terlihat oleh publik",
    "Choose who can view the live version of this page": "Pilih siapa yang dapat melihat versi tayang halaman ini",
    "Status: ": "Status: ",
    "View history": "Lihat riwayat",
    "No publishing schedule set": "Belum ada jadwal terbit",
    "First published": "Pertama terbit",
    "Toggle status": "Buka/tutup status",
    "Delete selected pages": "Hapus halaman yang dipilih",
    "Move selected pages": "Pindahkan halaman yang dipilih",
    "Publish selected pages": "Terbitkan halaman yang dipilih",
    "Unpublish selected pages": "Batalkan terbit halaman yang dipilih",
    "Date updated": "Tanggal diperbarui",
    "Owner": "Pemilik",
    "Edited by": "Disunting oleh",
    "Has child pages": "Punya subhalaman",
    "Any": "Apa saja",
    "Page type": "Jenis halaman",
    "Sort menu order": "Urutkan menu",
    "Sync translated pages": "Selaraskan halaman terjemahan",
    "For site menus": "Untuk menu situs",
    "The name of the page displayed on search engine results as the clickable headline.": (
        "Nama halaman yang tampil di hasil mesin pencari sebagai judul yang dapat diklik."
    ),
    "The descriptive text displayed underneath a headline in search engine results.": (
        "Teks keterangan yang tampil di bawah judul di hasil mesin pencari."
    ),
    "For search engines": "Untuk mesin pencari",
    "Preview in mobile size": "Pratinjau ukuran ponsel",
    "Preview in tablet size": "Pratinjau ukuran tablet",
    "Preview in desktop size": "Pratinjau ukuran desktop",
    "status": "status",
    "Add comment": "Tambah komentar",
    "More actions": "Tindakan lain",
    "Actions (footer)": "Tindakan (bawah)",
    "Choose when this page should go live and/or expire": "Pilih kapan halaman ini tayang dan/atau berakhir",
    'This publishing schedule will only take effect after you select the "Schedule to publish" option': (
        'Jadwal terbit ini baru berlaku setelah Anda memilih "Jadwalkan terbit"'
    ),
    "Set publishing schedule": "Atur jadwal terbit",
    "Save schedule": "Simpan jadwal",
    "Saved": "Tersimpan",
    "Autosave is paused": "Simpan otomatis dijeda",
    "View latest version": "Lihat versi terbaru",
    "A network error occurred": "Terjadi gangguan jaringan",
    "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version.": (
        "Periksa sambungan Anda ke situs sebelum melanjutkan. Buka editor di tab lain untuk melihat versi yang terakhir disimpan."
    ),
    "Minimap": "Peta mini",
    "Show issue": "Tampilkan masalah",
    "Content metrics": "Ukuran isi",
    "Words": "Kata",
    "Reading time": "Waktu baca",
    "Readability": "Keterbacaan",
    "This data explained": "Penjelasan data ini",
    "How we calculate our metrics": "Cara kami menghitung ukuran ini",
    "We extract the main content from the page preview, remove all formatting, and calculate the number of words.": (
        "Kami mengambil isi utama dari pratinjau halaman, membuang semua format, lalu menghitung jumlah katanya."
    ),
    "We calculate reading time from word count, using different reading speeds for different languages.": (
        "Waktu baca dihitung dari jumlah kata, dengan kecepatan baca yang berbeda untuk tiap bahasa."
    ),
    "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score.": (
        "Kami memakai rumus keterbacaan berdasarkan panjang kata dan kalimat. Kalimat dan kata yang panjang membuat nilai keterbacaan turun."
    ),
    "Issues found": "Masalah ditemukan",
    "Comment notifications": "Pemberitahuan komentar",
    "Set schedule": "Atur jadwal",
    "Preview in new tab": "Pratinjau di tab baru",
    "Loading": "Memuat",
    "Preview is out of date": "Pratinjau sudah usang",
    "Correct the validation errors to resume preview (saving will highlight errors)": (
        "Perbaiki kesalahan isian agar pratinjau berjalan lagi (menyimpan akan menandai kesalahannya)"
    ),
    "Checks": "Pemeriksaan",
    "Toggle comments": "Buka/tutup komentar",
    "Comments": "Komentar",
    "Toggle checks": "Buka/tutup pemeriksaan",
    "Toggle preview": "Buka/tutup pratinjau",
    "Button text is empty": "Teks tombol kosong",
    "Use meaningful text for screen reader users": "Pakai teks yang bermakna bagi pengguna pembaca layar",
    "Empty heading found": "Ada judul yang kosong",
    "Table header text is empty": "Teks kepala tabel kosong",
    "Empty frame title found": "Ada judul bingkai yang kosong",
    "Use a meaningful title for screen reader users": "Pakai judul yang bermakna bagi pengguna pembaca layar",
    "Incorrect heading hierarchy": "Urutan tingkat judul salah",
    "Avoid skipping levels": "Jangan melompati tingkat",
    "Input button text is empty": "Teks tombol isian kosong",
    "Link text is empty": "Teks tautan kosong",
    "Misusing paragraphs as headings": "Paragraf dipakai sebagai judul",
    "Use proper heading tags": "Pakai tag judul yang benar",
    "Image alt text has inappropriate pattern": "Teks alternatif gambar tidak sesuai",
    "Use meaningful text": "Pakai teks yang bermakna",
    "Meta description is empty": "Deskripsi meta kosong",
    "Add a concise description for search engines": "Tambahkan deskripsi singkat untuk mesin pencari",
    "No other translations": "Tidak ada terjemahan lain",
    "Go to the first error": "Ke kesalahan pertama",
    "Delete selected snippets": "Hapus cuplikan yang dipilih",
    "Sync translated snippets": "Selaraskan cuplikan terjemahan",
    "Usage count": "Jumlah pemakaian",
    "Tag": "Tag",
    "Sort by": "Urutkan menurut",
    "Grid layout": "Tata letak kisi",
    "List layout": "Tata letak daftar",
    "Add tags to the selected images": "Tambahkan tag ke gambar yang dipilih",
    "Add to collection": "Tambahkan ke koleksi",
    "Add to collection:": "Tambahkan ke koleksi:",
    "Add selected images to collection": "Tambahkan gambar yang dipilih ke koleksi",
    "Delete selected images": "Hapus gambar yang dipilih",
    "Newest": "Terbaru",
    "Oldest": "Terlama",
    "Title: (A -> Z)": "Judul: (A -> Z)",
    "Title: (Z -> A)": "Judul: (Z -> A)",
    "File size: (low to high)": "Ukuran berkas: (kecil ke besar)",
    "File size: (high to low)": "Ukuran berkas: (besar ke kecil)",
    "Usage count: (low to high)": "Jumlah pemakaian: (sedikit ke banyak)",
    "Usage count: (high to low)": "Jumlah pemakaian: (banyak ke sedikit)",
    "Go back": "Kembali",
    "Submit": "Kirim",
    "Translate page": "Terjemahkan halaman",
    "Translate this page": "Terjemahkan halaman ini",
    "system": "sistem",
    "Create": "Buat",
    "Created": "Dibuat",
    "Published": "Diterbitkan",
    "Action": "Tindakan",
    "User": "Pengguna",
    "Is commenting action": "Tindakan komentar",
    "Locked at": "Dikunci pada",
    "No locked pages found.": "Tidak ada halaman terkunci.",
    "Download XLSX": "Unduh XLSX",
    "Locked by": "Dikunci oleh",
    "Anyone": "Siapa saja",
    "Tasks": "Tugas",
    "Show disabled": "Tampilkan yang nonaktif",
    "Add a workflow": "Tambah alur kerja",
    "Used by": "Dipakai oleh",
    "The page could not be created due to validation errors.": "Halaman tidak dapat dibuat karena ada isian yang salah.",
    "The page could not be saved due to validation errors.": "Halaman tidak dapat disimpan karena ada isian yang salah.",
    "Page title": "Judul halaman",
    "Approve": "Setujui",
    "Approve with comment": "Setujui dengan komentar",
    "Request changes": "Minta perubahan",
    "%(label)s and Publish": "%(label)s lalu terbitkan",
    "Minimum": "Minimum",
    "title": "judul",
}

# Left in English, with the reason: upstream writes these into its templates without
# translation, and the project does not fork whole admin templates for them.
LEFT_IN_ENGLISH = {
    # The screen-reader-only submit button of the dashboard's and headers' search
    # forms (wagtailadmin/home.html, shared/header.html: value="Search").
    "Search": "hard-coded in wagtailadmin/home.html and shared/header.html",
}

# wagtail-localize's translation editor and Wagtail's editor widgets are drawn in
# the browser from the JavaScript catalogue.
DJANGOJS = {
    "Publish in ": "Terbitkan dalam ",
    "Uses %s version": "Memakai versi %s",
    "Collapse all": "Tutup semua",
    "Expand all": "Buka semua",
    "Save": "Simpan",
    "Translate": "Terjemahkan",
    # wagtail-localize's translation editor (a React app reading Django's JavaScript catalogue,
    # `wagtail_localize:javascript_catalog`): every string it shows an editor.
    "[DELETED]": "[DIHAPUS]",
    "Actions": "Tindakan",
    "Applying editor lock": "Mengunci penyuntingan",
    "Cancel": "Batal",
    "Change %s": "Ganti %s",
    "Change document": "Ganti dokumen",
    "Change image": "Ganti gambar",
    "Change page": "Ganti halaman",
    "Changed": "Diubah",
    "Choose a %s": "Pilih %s",
    "Choose a document": "Pilih dokumen",
    "Choose a page": "Pilih halaman",
    "Choose an image": "Pilih gambar",
    "Convert to alias page": "Jadikan halaman alias",
    "Delete": "Hapus",
    "Download PO file": "Unduh berkas PO",
    "Download PO file and input translations offline": "Unduh berkas PO dan isi terjemahan secara luring",
    "Edit": "Ubah",
    "Edit this %s": "Ubah %s ini",
    "Edit this document": "Ubah dokumen ini",
    "Edit this image": "Ubah gambar ini",
    "Edit this page": "Ubah halaman ini",
    "Fetching %s information...": "Mengambil informasi %s…",
    "Fetching document information...": "Mengambil informasi dokumen…",
    "Fetching image information...": "Mengambil informasi gambar…",
    "Fetching page information...": "Mengambil informasi halaman…",
    "Lock": "Kunci",
    "Not translated": "Belum diterjemahkan",
    "Preview": "Pratinjau",
    "Publishing...": "Menerbitkan…",
    "Removing editor lock": "Membuka kunci penyuntingan",
    "Revert to %s version": "Kembali ke versi %s",
    "Saving...": "Menyimpan…",
    "segments translated": "segmen diterjemahkan",
    "Server error": "Galat server",
    "Stop Synced translation": "Hentikan terjemahan tersinkron",
    "Stopping Synced translation": "Menghentikan terjemahan tersinkron",
    "There are unsaved segments. Please save or cancel them before leaving.": (
        "Ada segmen yang belum disimpan. Simpan atau batalkan dulu sebelum meninggalkan halaman ini."
    ),
    "Translate all missing strings with ": "Terjemahkan semua teks yang belum diterjemahkan dengan ",
    "Translate with ": "Terjemahkan dengan ",
    "Unlock": "Buka kunci",
    "Unpublish": "Batalkan penerbitan",
    "Upload PO file": "Unggah berkas PO",
    "Upload translated PO file to submit translations": "Unggah berkas PO yang sudah diterjemahkan untuk mengirim terjemahan",
}


def _upstream_catalogues(language, domain):
    import wagtail
    import wagtail_localize

    for package in (wagtail, wagtail_localize):
        yield from sorted(Path(package.__file__).parent.glob(f"**/locale/{language}/LC_MESSAGES/{domain}.po"))


def build(out_dir=OUT_DIR):
    """Write and compile the Indonesian admin catalogues; return how many entries each has."""
    counts = {}
    for domain, ours in (("django", DJANGO), ("djangojs", DJANGOJS)):
        upstream_id = {}
        for path in _upstream_catalogues("id_ID", domain):
            for entry in polib.pofile(str(path)):
                if entry.translated() and not entry.obsolete:
                    upstream_id.setdefault((entry.msgctxt, entry.msgid), entry)
        po = polib.POFile()
        po.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": "id",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
        seen = set()
        # Every msgid upstream knows (its English catalogues list them all), with our text or upstream's.
        for path in _upstream_catalogues("en", domain):
            for entry in polib.pofile(str(path)):
                key = (entry.msgctxt, entry.msgid)
                if not entry.msgid or key in seen:
                    continue
                text = ours.get(entry.msgid)
                known = upstream_id.get(key)
                if text is None and known is None:
                    continue
                seen.add(key)
                new = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
                if entry.msgid_plural:
                    new.msgid_plural = entry.msgid_plural
                    new.msgstr_plural = {0: text if text is not None else known.msgstr_plural.get(0, "")}
                else:
                    new.msgstr = text if text is not None else known.msgstr
                if new.msgstr or any(new.msgstr_plural.values()):
                    po.append(new)
        target = Path(out_dir) / "id" / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        po.save(str(target / f"{domain}.po"))
        po.save_as_mofile(str(target / f"{domain}.mo"))
        counts[domain] = len(po)
    return counts


def login_form_class():
    """Wagtail's login form with a translatable password label.

    Upstream gives the password field no label, so Django derives "Password" from
    the field's name, in English whatever the language.
    """
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.forms.auth import LoginForm

    class IndonesianLoginForm(LoginForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["password"].label = _("Password")

    return IndonesianLoginForm
