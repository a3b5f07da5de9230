"""Demo success stories, in Indonesian with English translations, written from the project brief's facts.

The people are illustrative: names, figures and places are made up to show what
the site does, and are not real participants.
"""

import datetime

from home.demo import Bilingual, add_page, make_image, publish_english
from home.models import Kecamatan

from .models import StoryGalleryImage, StoryIndexPage, SuccessStory

# (colours, motif) per skill area, so a story's pictures look like its craft.
LOOKS = {
    "kerajinan-anyaman": (["#f4e3c1", "#b8480b", "#0b6e4f"], "weave"),
    "menjahit": (["#fbeff2", "#8c2f4b", "#2f5d8c"], "dots"),
    "teknologi-informasi": (["#e8f1fb", "#1d4e89", "#0b6e4f"], "dots"),
    "kuliner-kalimantan": (["#fff4dc", "#b8480b", "#6b3e00"], "waves"),
    "otomotif": (["#eceff1", "#37474f", "#b8480b"], "waves"),
}


def _paragraphs(texts, *pairs):
    return texts.block("paragraph", texts.rich(*pairs))


def _stories(texts):
    """Each story as (fields, skill-area slugs, partner names, gallery) with every text paired."""
    return [
        (
            {
                "title": texts(
                    "Dari purun dan rotan, tas anyaman Yuliana sampai ke luar Kalimantan",
                    "Yuliana's weaving: woven bags from purun and rattan travel beyond Kalimantan",
                ),
                "slug": texts("tas-anyaman-yuliana", "yulianas-woven-bags"),
                "participant_name": "Yuliana Dewi",
                "kecamatan": Kecamatan.SABANGAU,
                "kelurahan": "Kereng Bangkirai",
                "training_year": 2024,
                "date_published": datetime.date(2026, 10, 6),
                "pull_quote": texts(
                    "Dulu saya tidak bisa menganyam sama sekali. Sekarang tas saya dipesan orang dari Banjarmasin dan Surabaya.",
                    "I could not weave at all before. Now people in Banjarmasin and Surabaya order my bags.",
                ),
                "intro": texts(
                    "Sebelum ikut pelatihan kerajinan anyaman, Yuliana tidak punya keterampilan yang bisa dijual. Setahun kemudian ia menjual tas purun di pasar lokal dan mengirimnya ke luar daerah.",
                    "Before the weaving course, Yuliana had no skill she could sell. A year later she sells purun bags in local markets and ships them beyond the region.",
                ),
                "income_before": 800_000,
                "income_after": 2_500_000,
                "started_business": True,
                "people_employed": 3,
                "sells_locally": True,
                "sells_beyond_region": True,
                "sells_online": True,
                "body": [
                    texts.block("heading", {"text": texts("Belajar dari nol", "Learning from scratch"), "level": "h2"}),
                    _paragraphs(
                        texts,
                        (
                            "Yuliana tinggal di Kereng Bangkirai, dekat rawa tempat purun tumbuh. Selama bertahun-tahun ia hanya melihat tetangga menganyam tikar untuk dipakai sendiri.",
                            "Yuliana lives in Kereng Bangkirai, near the swamp where purun grass grows. For years she only watched neighbours weave mats for their own use.",
                        ),
                        (
                            "Dalam pelatihan enam minggu di rumah produksi anyaman, ia belajar memilih dan mengeringkan purun, mewarnai dengan bahan alami, lalu menganyam tas dengan pola yang rapi.",
                            "In a six-week course at the weaving house she learned to choose and dry purun, dye it with natural colours, and weave bags with neat patterns.",
                        ),
                    ),
                    texts.block("heading", {"text": texts("Pasar yang makin luas", "A wider market"), "level": "h2"}),
                    _paragraphs(
                        texts,
                        (
                            "Koperasi Rotan Kahayan membeli tas pertamanya dan menjualnya di pameran kerajinan. Kini pesanan datang dari luar Kalimantan Tengah, dan tiga tetangga ikut bekerja bersamanya.",
                            "The Kahayan Rattan Cooperative bought her first bags and sold them at craft fairs. Orders now come from outside Central Kalimantan, and three neighbours work with her.",
                        ),
                        (
                            "Keberhasilannya membuat peserta lain di kelurahannya mendaftar pelatihan berikutnya.",
                            "Her success has led other women in her village to sign up for the next course.",
                        ),
                    ),
                ],
            },
            ["kerajinan-anyaman"],
            ["Koperasi Rotan Kahayan", "UPTD Balai Latihan Kerja Palangka Raya"],
            [
                (
                    "Tas purun berwarna alami",
                    texts("Tas purun dengan pewarna alami.", "Purun bags dyed with natural colours."),
                    texts(
                        "Tiga tas anyaman purun berwarna cokelat dan hijau di atas meja.",
                        "Three woven purun bags in brown and green on a table.",
                    ),
                    False,
                ),
            ],
        ),
        (
            {
                "title": texts(
                    "Sri Wahyuni membuka usaha jahit di rumah",
                    "Sri Wahyuni opens a sewing business at home",
                ),
                "slug": texts("usaha-jahit-sri-wahyuni", "sri-wahyunis-sewing-business"),
                "participant_name": "Sri Wahyuni",
                "kecamatan": Kecamatan.PAHANDUT,
                "kelurahan": "Panarung",
                "training_year": 2025,
                "date_published": datetime.date(2026, 9, 15),
                "pull_quote": texts(
                    "Saya bisa bekerja sambil menjaga anak-anak. Pelanggan datang ke rumah.",
                    "I can work and look after my children. Customers come to my house.",
                ),
                "intro": texts(
                    "Sri Wahyuni adalah ibu rumah tangga dengan tiga anak. Setelah pelatihan menjahit, ia membuka usaha jahit di ruang depan rumahnya.",
                    "Sri Wahyuni is a homemaker with three children. After the sewing course she opened a tailoring business in the front room of her house.",
                ),
                "income_before": 500_000,
                "income_after": 1_800_000,
                "started_business": True,
                "people_employed": 1,
                "sells_locally": True,
                "body": [
                    _paragraphs(
                        texts,
                        (
                            "Pelatihan menjahit dijalankan bersama Yayasan Perempuan Betang, lembaga swadaya masyarakat yang sudah lama mendampingi ibu rumah tangga di Palangka Raya.",
                            "The sewing course was run with the Betang Women's Foundation, an NGO that has long supported homemakers in Palangka Raya.",
                        ),
                        (
                            "Setelah lulus, Sri mendapat pinjaman mesin jahit dan pesanan pertama: seragam sekolah untuk anak-anak tetangga. Kini ia juga menerima permak pakaian dan pesanan kebaya.",
                            "After the course, Sri borrowed a sewing machine and took her first order: school uniforms for the neighbours' children. She now also does alterations and sews kebaya to order.",
                        ),
                    ),
                    texts.block(
                        "quote",
                        {
                            "text": texts(
                                "Ibu-ibu yang ikut pelatihan bersama saya juga mulai menerima jahitan. Kami saling berbagi pelanggan.",
                                "The other mothers from my course have started taking orders too. We pass customers to each other.",
                            ),
                            "attribution": texts("Sri Wahyuni", "Sri Wahyuni"),
                        },
                    ),
                ],
            },
            ["menjahit"],
            ["Yayasan Perempuan Betang", "Dinas Tenaga Kerja Kota Palangka Raya"],
            [
                (
                    "Seragam sekolah jahitan rumahan",
                    texts("Seragam sekolah pesanan tetangga.", "School uniforms ordered by neighbours."),
                    texts(
                        "Seragam sekolah putih dan merah tergantung rapi.",
                        "White and red school uniforms hanging neatly.",
                    ),
                    False,
                ),
            ],
        ),
        (
            {
                "title": texts(
                    "Menjahit dari rumah, menjual lewat ponsel",
                    "Sewing at home, selling by phone",
                ),
                "slug": texts("menjahit-dan-menjual-lewat-ponsel", "sewing-and-selling-by-phone"),
                # The participant asked for privacy: her real name and portrait never appear on the site.
                "participant_name": "Rahmawati Lestari",
                "pseudonym": "Ibu R.",
                "hide_identity": True,
                "kecamatan": Kecamatan.JEKAN_RAYA,
                "kelurahan": "Menteng",
                "training_year": 2025,
                "date_published": datetime.date(2026, 8, 20),
                "pull_quote": texts(
                    "Saya malu tampil, tapi tidak malu bercerita. Semoga ibu-ibu lain berani mencoba.",
                    "I am shy of being seen, but not of telling my story. I hope other mothers dare to try.",
                ),
                "intro": texts(
                    "Ibu R. meminta agar nama dan wajahnya tidak ditampilkan. Ia ikut pelatihan menjahit dan kini menjual mukena dan gamis jahitannya lewat media sosial.",
                    "Ibu R. asked us not to show her name or face. She took the sewing course and now sells the prayer robes and dresses she makes through social media.",
                ),
                "income_before": 600_000,
                "income_after": 1_500_000,
                "started_business": True,
                "sells_locally": True,
                "sells_online": True,
                "body": [
                    _paragraphs(
                        texts,
                        (
                            "Sebelum pelatihan, Ibu R. membantu suaminya berjualan sayur di pasar. Ia belajar menjahit pola dasar, memotong kain dengan hemat, dan menghitung harga jual.",
                            "Before the course, Ibu R. helped her husband sell vegetables at the market. She learned to sew basic patterns, cut cloth without waste, and work out a selling price.",
                        ),
                        (
                            "Ia memotret hasil jahitannya dan membagikannya di grup WhatsApp kelurahan. Pesanan menjelang Lebaran kini melebihi yang bisa ia kerjakan sendiri.",
                            "She photographs what she sews and shares it in her village's WhatsApp group. Orders before Eid are now more than she can make alone.",
                        ),
                    ),
                ],
            },
            ["menjahit"],
            ["Yayasan Perempuan Betang"],
            [
                (
                    "Mukena jahitan peserta pelatihan",
                    texts("Mukena siap dikirim ke pembeli.", "Prayer robes ready to send to buyers."),
                    texts(
                        "Mukena putih terlipat di dalam plastik bening.",
                        "White prayer robes folded in clear plastic bags.",
                    ),
                    False,
                ),
            ],
        ),
        (
            {
                "title": texts(
                    "Andi, lulusan muda yang kini bekerja di bidang TI",
                    "Andi, a young graduate now working in IT",
                ),
                "slug": texts("andi-bekerja-di-bidang-ti", "andi-works-in-it"),
                "participant_name": "Andi Pratama",
                "kecamatan": Kecamatan.JEKAN_RAYA,
                "kelurahan": "Bukit Tunggal",
                "training_year": 2025,
                "date_published": datetime.date(2026, 11, 3),
                "pull_quote": texts(
                    "Ijazah saja tidak cukup. Pelatihan ini memberi saya portofolio untuk ditunjukkan.",
                    "A diploma alone was not enough. This course gave me a portfolio to show.",
                ),
                "intro": texts(
                    "Andi lulus SMK tetapi setahun menganggur. Pelatihan teknologi informasi dan magang di perusahaan lokal membawanya ke pekerjaan tetap sebagai pengelola situs web.",
                    "Andi finished vocational school but spent a year without work. The IT course and an internship at a local company led him to a steady job running websites.",
                ),
                "income_after": 3_200_000,
                "body": [
                    _paragraphs(
                        texts,
                        (
                            "Selama dua bulan Andi belajar komputer perkantoran, dasar pemrograman web dan pemasaran digital di laboratorium Politeknik Bukit Raya.",
                            "For two months Andi learned office computing, web programming basics and digital marketing in the Bukit Raya Polytechnic computer lab.",
                        ),
                        (
                            "Mentor dari PT Borneo Digital Nusantara menilai tugas akhirnya, sebuah situs untuk koperasi di kelurahannya, lalu menawarinya magang. Tiga bulan kemudian ia diangkat menjadi karyawan.",
                            "A mentor from PT Borneo Digital Nusantara marked his final project, a website for his village cooperative, and offered him an internship. Three months later he was taken on as staff.",
                        ),
                    ),
                ],
            },
            ["teknologi-informasi"],
            ["PT Borneo Digital Nusantara", "Politeknik Bukit Raya"],
            [],
        ),
        (
            {
                "title": texts(
                    "Kue bingka dan wadi Nurhayati kini dijual sampai ke luar daerah",
                    "Nurhayati's bingka cakes and wadi now sell beyond the region",
                ),
                "slug": texts("kuliner-khas-nurhayati", "nurhayatis-regional-cooking"),
                "participant_name": "Nurhayati",
                "kecamatan": Kecamatan.BUKIT_BATU,
                "kelurahan": "Tangkiling",
                "training_year": 2024,
                "date_published": datetime.date(2026, 7, 9),
                "pull_quote": texts(
                    "Resep nenek saya ternyata bisa jadi usaha, asal kemasannya rapi dan izinnya lengkap.",
                    "My grandmother's recipes could become a business after all, with good packaging and the right permits.",
                ),
                "intro": texts(
                    "Nurhayati sudah pandai memasak, tetapi belum tahu cara menjual. Pelatihan kuliner khas Kalimantan mengajarinya kebersihan dapur, pengemasan dan perizinan pangan rumahan.",
                    "Nurhayati already cooked well but did not know how to sell. The Kalimantan cooking course taught her kitchen hygiene, packaging and home food permits.",
                ),
                "income_before": 1_000_000,
                "income_after": 2_800_000,
                "started_business": True,
                "people_employed": 2,
                "sells_locally": True,
                "sells_beyond_region": True,
                "sells_online": True,
                "body": [
                    _paragraphs(
                        texts,
                        (
                            "Di dapur praktik, peserta memasak hidangan khas Kalimantan Tengah dan belajar menghitung biaya bahan. Nurhayati memilih dua produk: kue bingka dan wadi ikan yang tahan lama.",
                            "In the teaching kitchen, participants cooked dishes of Central Kalimantan and learned to cost their ingredients. Nurhayati chose two products: bingka cake and long-keeping wadi fish.",
                        ),
                        (
                            "Dengan izin pangan rumahan, produknya masuk ke toko oleh-oleh di Palangka Raya. Pembeli dari Sampit dan Banjarmasin kini memesan lewat pesan singkat.",
                            "With a home food permit, her products reached souvenir shops in Palangka Raya. Buyers in Sampit and Banjarmasin now order by text message.",
                        ),
                    ),
                ],
            },
            ["kuliner-kalimantan"],
            ["Politeknik Bukit Raya", "Dinas Tenaga Kerja Kota Palangka Raya"],
            [
                (
                    "Kue bingka di loyang",
                    texts("Kue bingka yang baru matang.", "Bingka cake fresh from the oven."),
                    texts(
                        "Kue bingka kuning keemasan di dalam loyang bunga.",
                        "Golden bingka cake in a flower-shaped tin.",
                    ),
                    False,
                ),
            ],
        ),
        (
            {
                "title": texts(
                    "Yohanes membuka bengkel motor di Rakumpit",
                    "Yohanes opens a motorcycle workshop in Rakumpit",
                ),
                "slug": texts("bengkel-motor-yohanes", "yohanes-motorcycle-workshop"),
                "participant_name": "Yohanes Dwi Saputra",
                "kecamatan": Kecamatan.RAKUMPIT,
                "kelurahan": "Mungku Baru",
                "training_year": 2024,
                "date_published": datetime.date(2026, 6, 2),
                "pull_quote": texts(
                    "Dulu warga harus ke kota untuk servis motor. Sekarang cukup ke bengkel saya.",
                    "People used to ride into town to get a motorbike serviced. Now they come to my workshop.",
                ),
                "intro": texts(
                    "Di Rakumpit, bengkel terdekat dulu berjarak puluhan kilometer. Setelah pelatihan perbengkelan di BLK, Yohanes membuka bengkel di depan rumahnya.",
                    "In Rakumpit the nearest workshop used to be tens of kilometres away. After the motorcycle repair course at the vocational centre, Yohanes opened a workshop in front of his house.",
                ),
                "income_before": 900_000,
                "income_after": 2_200_000,
                "started_business": True,
                "people_employed": 1,
                "body": [
                    _paragraphs(
                        texts,
                        (
                            "Pelatihan berlangsung delapan minggu dengan instruktur bersertifikat. Peserta belajar merawat mesin, sistem kelistrikan dan rem, lalu praktik pada motor warga.",
                            "The course ran for eight weeks with certified instructors. Participants learned engine care, electrics and brakes, then practised on residents' motorbikes.",
                        ),
                        (
                            "Yohanes kini mengajari seorang pemuda dari kampungnya, yang bekerja di bengkel sambil belajar.",
                            "Yohanes now teaches a young man from his village, who works in the workshop while he learns.",
                        ),
                    ),
                ],
            },
            ["otomotif"],
            ["UPTD Balai Latihan Kerja Palangka Raya"],
            [],
        ),
        (
            {
                "title": texts(
                    "Siti belajar pemasaran digital dan menjual anyaman ibunya secara daring",
                    "Siti learned digital marketing and sells her mother's weaving online",
                ),
                "slug": texts("siti-pemasaran-digital-anyaman", "siti-digital-marketing-weaving"),
                "participant_name": "Siti Aisyah",
                "kecamatan": Kecamatan.SABANGAU,
                "kelurahan": "Kalampangan",
                "training_year": 2025,
                "date_published": datetime.date(2026, 5, 18),
                "pull_quote": texts(
                    "Ibu yang menganyam, saya yang memotret dan membalas pesan.",
                    "My mother weaves; I take the photos and answer the messages.",
                ),
                "intro": texts(
                    "Siti ikut pelatihan teknologi informasi untuk belajar pemasaran digital. Kini tikar dan tas anyaman ibunya terjual lewat toko daring ke seluruh Indonesia.",
                    "Siti took the IT course to learn digital marketing. Her mother's woven mats and bags now sell through an online shop across Indonesia.",
                ),
                "income_after": 1_200_000,
                "started_business": True,
                "sells_beyond_region": True,
                "sells_online": True,
                "body": [
                    _paragraphs(
                        texts,
                        (
                            "Siti belajar memotret produk dengan ponsel, menulis deskripsi yang jujur, dan mengatur pengiriman. Ia membuka toko daring atas nama keluarganya.",
                            "Siti learned to photograph products with a phone, write honest descriptions and arrange shipping. She opened an online shop in her family's name.",
                        ),
                    ),
                ],
            },
            ["teknologi-informasi", "kerajinan-anyaman"],
            ["PT Borneo Digital Nusantara", "Koperasi Rotan Kahayan"],
            [],
        ),
    ]


def load(ctx):
    texts = Bilingual()
    user = ctx.user
    index = add_page(
        ctx.home(),
        StoryIndexPage(
            title=texts("Kisah Sukses", "Success stories"),
            slug=texts("kisah-sukses", "success-stories"),
            show_in_menus=True,
            search_description=texts(
                "Kisah warga Palangka Raya yang hidupnya berubah setelah pelatihan keterampilan.",
                "Stories of Palangka Raya residents whose lives changed after skills training.",
            ),
            intro=texts(
                "Tetangga yang belajar menganyam, menjahit, memasak dan mengelola komputer, dan apa yang berubah sesudahnya.",
                "Neighbours who learned to weave, sew, cook and work with computers, and what changed for them afterwards.",
            ),
        ),
        user,
    )
    publish_english(index, texts, user)

    stories = _stories(texts)
    for number, (fields, area_slugs, partner_names, gallery) in enumerate(stories):
        first_area = area_slugs[0]
        colours, motif = LOOKS[first_area]
        story = SuccessStory(**fields)
        story.skill_areas = [ctx.skill_area(slug) for slug in area_slugs]
        story.partners = [ctx.partner(name) for name in partner_names]
        if not story.hide_identity:
            story.portrait = make_image(f"Potret {story.participant_name}", colours, motif=motif, seed=100 + number)
        story.gallery_images = [
            StoryGalleryImage(
                image=make_image(title, colours, motif=motif, seed=200 + number),
                caption=caption,
                alt_text=alt_text,
                shows_participant=shows_participant,
            )
            for title, caption, alt_text, shows_participant in gallery
        ]
        story = add_page(index, story, user)
        publish_english(story, texts, user)
    ctx.say(f"  story list and {len(stories)} success stories in Indonesian and English")
