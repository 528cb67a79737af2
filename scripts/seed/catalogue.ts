/**
 * The demo catalogue: real kinds of Kalimantan UMKM goods from real kabupaten/kota,
 * with made-up businesses. Product lists are built from templates per specialty.
 */
export type Specialty = "rotan" | "purun" | "sasirangan" | "batik" | "madu" | "amplang" | "kerupuk" | "kopi" | "herbal" | "manik";

export const categories = [
  { slug: "anyaman", nameId: "Anyaman rotan & purun", nameEn: "Rattan & sedge weaving", isFood: false, children: [
    { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" },
    { slug: "anyaman-purun", nameId: "Anyaman purun", nameEn: "Purun sedge weaving" },
  ] },
  { slug: "kain", nameId: "Kain tradisional", nameEn: "Traditional cloth", isFood: false, children: [
    { slug: "sasirangan", nameId: "Sasirangan", nameEn: "Sasirangan" },
    { slug: "batik-benang-bintik", nameId: "Batik benang bintik", nameEn: "Benang bintik batik" },
  ] },
  { slug: "madu", nameId: "Madu", nameEn: "Honey", isFood: true, children: [] },
  { slug: "camilan", nameId: "Camilan khas", nameEn: "Local snacks", isFood: true, children: [
    { slug: "amplang", nameId: "Amplang", nameEn: "Amplang fish crackers" },
    { slug: "kerupuk", nameId: "Kerupuk", nameEn: "Crackers" },
  ] },
  { slug: "kopi", nameId: "Kopi", nameEn: "Coffee", isFood: true, children: [] },
  { slug: "herbal", nameId: "Herbal & jamu", nameEn: "Herbal goods", isFood: true, children: [] },
  { slug: "manik", nameId: "Kerajinan manik", nameEn: "Beadwork", isFood: false, children: [] },
] as const;

export const specialtyCategory: Record<Specialty, string> = {
  rotan: "anyaman-rotan",
  purun: "anyaman-purun",
  sasirangan: "sasirangan",
  batik: "batik-benang-bintik",
  madu: "madu",
  amplang: "amplang",
  kerupuk: "kerupuk",
  kopi: "kopi",
  herbal: "herbal",
  manik: "manik",
};

export const specialtyHs: Record<Specialty, string> = {
  rotan: "4602.12", purun: "4602.19", sasirangan: "6304.93", batik: "6304.93", madu: "0409.00",
  amplang: "1905.90", kerupuk: "1905.90", kopi: "0901.21", herbal: "1211.90", manik: "7117.90",
};

export const foodSpecialties = new Set<Specialty>(["madu", "amplang", "kerupuk", "kopi", "herbal"]);

export type ProducerSeed = {
  slug: string;
  legalName: string;
  regencyCode: string;
  scale: "MIKRO" | "KECIL" | "MENENGAH";
  specialty: Specialty;
  status: "VERIFIED" | "PENDING";
  storyId: string;
  storyEn: string;
  contactName: string;
};

export const producers: ProducerSeed[] = [
  { slug: "jawet-uei-tumbang-samba", legalName: "Kelompok Anyam Jawet Uei Tumbang Samba", regencyCode: "62.09", scale: "MIKRO", specialty: "rotan", status: "VERIFIED", contactName: "Ina Rosalina",
    storyId: "Ibu-ibu Tumbang Samba menganyam jawet, keranjang punggung Dayak dari rotan hutan Katingan, dengan pola warisan nenek moyang.",
    storyEn: "The women of Tumbang Samba weave the jawet, the Dayak back basket, from Katingan forest rattan in patterns handed down for generations." },
  { slug: "rotan-kasongan", legalName: "UD Rotan Kasongan Jaya", regencyCode: "62.09", scale: "KECIL", specialty: "rotan", status: "VERIFIED", contactName: "Yusuf Hidayat",
    storyId: "Bengkel rotan di Kasongan yang membuat tas, tikar dan kotak anyaman untuk pasar kota dan hotel.",
    storyEn: "A rattan workshop in Kasongan making bags, mats and woven boxes for city shops and hotels." },
  { slug: "anyam-rotan-amuntai", legalName: "CV Anyaman Amuntai Sejahtera", regencyCode: "63.08", scale: "MENENGAH", specialty: "rotan", status: "VERIFIED", contactName: "H. Rahmadi",
    storyId: "Amuntai dikenal sebagai kota anyaman. Kami menampung hasil lebih dari 60 penganyam rumahan di Hulu Sungai Utara.",
    storyEn: "Amuntai is known as the weaving town. We gather the work of more than 60 home weavers in Hulu Sungai Utara." },
  { slug: "purun-bangkau", legalName: "Kelompok Purun Danau Bangkau", regencyCode: "63.06", scale: "MIKRO", specialty: "purun", status: "VERIFIED", contactName: "Siti Aisyah",
    storyId: "Purun dipanen dari rawa Danau Bangkau, dijemur, ditumbuk, lalu dianyam menjadi tikar dan tas yang ringan.",
    storyEn: "Purun sedge is harvested from the Bangkau swamp, sun-dried, pounded and woven into light mats and bags." },
  { slug: "purun-barito-kuala", legalName: "UMKM Purun Lestari Batola", regencyCode: "63.04", scale: "MIKRO", specialty: "purun", status: "VERIFIED", contactName: "Nurhayati",
    storyId: "Perajin purun di Barito Kuala yang menjaga rawa gambut tetap lestari sambil membuat anyaman modern.",
    storyEn: "Purun weavers of Barito Kuala who keep the peat swamp healthy while making modern woven goods." },
  { slug: "sasirangan-kampung-melayu", legalName: "Sasirangan Kampung Melayu", regencyCode: "63.71", scale: "KECIL", specialty: "sasirangan", status: "VERIFIED", contactName: "Fitri Handayani",
    storyId: "Kampung Melayu di Banjarmasin adalah sentra sasirangan: kain jelujur ikat celup khas Banjar.",
    storyEn: "Kampung Melayu in Banjarmasin is the home of sasirangan, the Banjar stitch-resist dyed cloth." },
  { slug: "sasirangan-banjarbaru", legalName: "Rumah Sasirangan Irma", regencyCode: "63.72", scale: "MIKRO", specialty: "sasirangan", status: "VERIFIED", contactName: "Irma Suryani",
    storyId: "Usaha rumahan yang memakai pewarna alam dari kayu ulin, kunyit dan daun mangga.",
    storyEn: "A home business dyeing with natural colours from ironwood, turmeric and mango leaves." },
  { slug: "batik-benang-bintik-palangka", legalName: "Batik Benang Bintik Isen Mulang", regencyCode: "62.71", scale: "KECIL", specialty: "batik", status: "VERIFIED", contactName: "Maria Ulfah",
    storyId: "Batik benang bintik adalah batik khas Kalimantan Tengah dengan motif batang garing, pohon kehidupan Dayak Ngaju.",
    storyEn: "Benang bintik is Central Kalimantan's batik, with the batang garing motif, the Dayak Ngaju tree of life." },
  { slug: "madu-kelulut-pulang-pisau", legalName: "Kelompok Tani Madu Kelulut Pulang Pisau", regencyCode: "62.10", scale: "MIKRO", specialty: "madu", status: "VERIFIED", contactName: "Agus Salim",
    storyId: "Lebah kelulut (tanpa sengat) diternak di kebun galam dan akasia. Madunya asam-manis dan kaya propolis.",
    storyEn: "Stingless kelulut bees are kept among galam and acacia trees. Their honey is sweet-sour and rich in propolis." },
  { slug: "madu-kelulut-barito", legalName: "UMKM Madu Kelulut Buntok", regencyCode: "62.04", scale: "MIKRO", specialty: "madu", status: "VERIFIED", contactName: "Daniel Pandiangan",
    storyId: "Madu kelulut dari hutan sekunder di Barito Selatan, dipanen tanpa merusak sarang.",
    storyEn: "Kelulut honey from secondary forest in Barito Selatan, harvested without destroying the nests." },
  { slug: "amplang-kotabaru", legalName: "CV Amplang Pulau Laut", regencyCode: "63.02", scale: "KECIL", specialty: "amplang", status: "VERIFIED", contactName: "Hj. Masitah",
    storyId: "Amplang ikan tenggiri dari Pulau Laut, digoreng renyah dengan resep keluarga sejak 1998.",
    storyEn: "Mackerel amplang from Pulau Laut, fried crisp to a family recipe since 1998." },
  { slug: "kerupuk-sampit", legalName: "Kerupuk Ikan Haruan Sampit", regencyCode: "62.02", scale: "MIKRO", specialty: "kerupuk", status: "VERIFIED", contactName: "Rusdiana",
    storyId: "Kerupuk dari ikan sungai Mentaya, dijemur matahari dan dikemas rapat.",
    storyEn: "Crackers made from Mentaya river fish, sun-dried and tightly packed." },
  { slug: "kopi-aranio", legalName: "Koperasi Kopi Aranio", regencyCode: "63.03", scale: "KECIL", specialty: "kopi", status: "VERIFIED", contactName: "Zainal Arifin",
    storyId: "Kopi dari lereng Pegunungan Meratus di Aranio, Kabupaten Banjar.",
    storyEn: "Coffee from the slopes of the Meratus mountains in Aranio, Banjar regency." },
  { slug: "kopi-liberika-kapuas", legalName: "UMKM Kopi Liberika Kapuas", regencyCode: "62.03", scale: "MIKRO", specialty: "kopi", status: "VERIFIED", contactName: "Hendra Saputra",
    storyId: "Kopi liberika tumbuh subur di tanah gambut Kapuas; rasanya berbuah dan sedikit nangka.",
    storyEn: "Liberica coffee thrives on Kapuas peatland; it tastes fruity with a hint of jackfruit." },
  { slug: "herbal-gunung-mas", legalName: "Herbal Pasak Bumi Gunung Mas", regencyCode: "62.11", scale: "MIKRO", specialty: "herbal", status: "VERIFIED", contactName: "Yohanes Liling",
    storyId: "Tanaman obat hutan Kalimantan seperti pasak bumi dan bajakah, dikeringkan dan dikemas higienis.",
    storyEn: "Kalimantan forest medicinal plants such as pasak bumi and bajakah, dried and hygienically packed." },
  { slug: "manik-tamiang-layang", legalName: "Sanggar Manik Dayak Maanyan", regencyCode: "62.12", scale: "MIKRO", specialty: "manik", status: "VERIFIED", contactName: "Elisabeth Rini",
    storyId: "Manik-manik Dayak Maanyan dirangkai tangan menjadi kalung, gelang dan hiasan topi.",
    storyEn: "Dayak Maanyan beads strung by hand into necklaces, bracelets and hat bands." },
  { slug: "jamu-tapin", legalName: "Jamu Banjar Tapin", regencyCode: "63.05", scale: "KECIL", specialty: "herbal", status: "PENDING", contactName: "Rahmah",
    storyId: "Jamu Banjar racikan rumahan dari Rantau, Tapin. Sedang menunggu verifikasi.",
    storyEn: "Home-made Banjar herbal drinks from Rantau, Tapin. Awaiting verification." },
];

type Template = { id: string; en: string; descId: string; descEn: string; price: number; unit: string; grams: number };

/** Product templates per specialty; variations (size, motif) are added by the seeder. */
export const templates: Record<Specialty, Template[]> = {
  rotan: [
    { id: "Jawet Uei anyaman rotan", en: "Jawet Uei woven rattan basket", descId: "Keranjang punggung khas Dayak dari rotan uei, dianyam rapat dan kuat.", descEn: "Traditional Dayak back basket of uei rattan, tightly woven and strong.", price: 350000, unit: "pcs", grams: 900 },
    { id: "Tas rotan bundar", en: "Round rattan bag", descId: "Tas jinjing bundar dari rotan dengan tali kulit.", descEn: "Round rattan handbag with a leather strap.", price: 185000, unit: "pcs", grams: 450 },
    { id: "Tikar rotan lampit", en: "Lampit rattan mat", descId: "Tikar lampit dari bilah rotan yang dijalin benang nilon.", descEn: "Lampit mat of rattan slats bound with nylon thread.", price: 650000, unit: "pcs", grams: 4000 },
    { id: "Kotak anyaman rotan", en: "Woven rattan box", descId: "Kotak penyimpanan dengan tutup, anyaman rotan halus.", descEn: "Lidded storage box in fine rattan weave.", price: 120000, unit: "pcs", grams: 500 },
    { id: "Topi rotan Dayak", en: "Dayak rattan hat", descId: "Topi lebar anyaman rotan, pelindung panas untuk ke ladang.", descEn: "Wide woven rattan hat, shade for working the fields.", price: 95000, unit: "pcs", grams: 250 },
    { id: "Tempat tisu rotan", en: "Rattan tissue box", descId: "Tempat tisu anyaman rotan untuk rumah dan hotel.", descEn: "Woven rattan tissue box for homes and hotels.", price: 65000, unit: "pcs", grams: 200 },
  ],
  purun: [
    { id: "Tikar purun motif", en: "Patterned purun mat", descId: "Tikar purun dengan motif warna alami, ringan dan sejuk.", descEn: "Purun sedge mat with naturally dyed patterns, light and cool.", price: 85000, unit: "pcs", grams: 1200 },
    { id: "Tas belanja purun", en: "Purun shopping bag", descId: "Tas belanja pengganti plastik dari anyaman purun.", descEn: "Woven purun shopping bag to replace plastic.", price: 45000, unit: "pcs", grams: 250 },
    { id: "Tas laptop purun", en: "Purun laptop bag", descId: "Tas laptop anyaman purun dengan lapisan kain.", descEn: "Woven purun laptop bag with a cloth lining.", price: 175000, unit: "pcs", grams: 600 },
    { id: "Dompet purun", en: "Purun pouch", descId: "Dompet kecil anyaman purun dengan ritsleting.", descEn: "Small woven purun pouch with a zip.", price: 35000, unit: "pcs", grams: 80 },
    { id: "Topi purun", en: "Purun sun hat", descId: "Topi pantai dari anyaman purun.", descEn: "Beach hat of woven purun sedge.", price: 60000, unit: "pcs", grams: 150 },
  ],
  sasirangan: [
    { id: "Kain sasirangan katun", en: "Cotton sasirangan cloth", descId: "Kain sasirangan katun 2 meter, motif gigi haruan.", descEn: "Two metres of cotton sasirangan cloth, gigi haruan motif.", price: 175000, unit: "lembar", grams: 350 },
    { id: "Kain sasirangan sutra", en: "Silk sasirangan cloth", descId: "Kain sasirangan sutra dengan pewarna alam.", descEn: "Silk sasirangan cloth in natural dyes.", price: 550000, unit: "lembar", grams: 250 },
    { id: "Kemeja sasirangan", en: "Sasirangan shirt", descId: "Kemeja lengan pendek dari kain sasirangan.", descEn: "Short-sleeved shirt of sasirangan cloth.", price: 225000, unit: "pcs", grams: 300 },
    { id: "Syal sasirangan", en: "Sasirangan scarf", descId: "Syal ringan motif kulat karikit.", descEn: "Light scarf with kulat karikit motif.", price: 95000, unit: "pcs", grams: 120 },
    { id: "Masker kain sasirangan", en: "Sasirangan face mask", descId: "Masker kain tiga lapis motif sasirangan.", descEn: "Three-layer cloth mask in sasirangan print.", price: 25000, unit: "pcs", grams: 30 },
  ],
  batik: [
    { id: "Kain batik benang bintik", en: "Benang bintik batik cloth", descId: "Kain batik tulis benang bintik motif batang garing.", descEn: "Hand-drawn benang bintik batik cloth, batang garing motif.", price: 325000, unit: "lembar", grams: 350 },
    { id: "Kemeja batik benang bintik", en: "Benang bintik batik shirt", descId: "Kemeja batik benang bintik untuk acara resmi.", descEn: "Benang bintik batik shirt for formal occasions.", price: 275000, unit: "pcs", grams: 320 },
    { id: "Selendang batik benang bintik", en: "Benang bintik batik shawl", descId: "Selendang batik dengan motif huma betang.", descEn: "Batik shawl with the huma betang longhouse motif.", price: 150000, unit: "pcs", grams: 150 },
    { id: "Tas batik benang bintik", en: "Benang bintik batik tote", descId: "Tas jinjing kain batik benang bintik.", descEn: "Tote bag of benang bintik batik cloth.", price: 110000, unit: "pcs", grams: 250 },
  ],
  madu: [
    { id: "Madu kelulut asli", en: "Pure kelulut honey", descId: "Madu lebah kelulut asli, asam manis, tanpa campuran.", descEn: "Pure stingless-bee kelulut honey, sweet-sour, unblended.", price: 120000, unit: "botol", grams: 300 },
    { id: "Madu kelulut hutan", en: "Wild forest kelulut honey", descId: "Madu kelulut dari hutan galam, dipanen musiman.", descEn: "Kelulut honey from galam forest, seasonal harvest.", price: 175000, unit: "botol", grams: 500 },
    { id: "Propolis kelulut", en: "Kelulut propolis", descId: "Propolis murni dari sarang kelulut.", descEn: "Pure propolis from kelulut hives.", price: 95000, unit: "botol", grams: 50 },
    { id: "Bee pollen kelulut", en: "Kelulut bee pollen", descId: "Bee pollen kering dari lebah kelulut.", descEn: "Dried bee pollen from kelulut bees.", price: 85000, unit: "toples", grams: 100 },
  ],
  amplang: [
    { id: "Amplang ikan tenggiri", en: "Mackerel amplang crackers", descId: "Amplang renyah dari ikan tenggiri segar.", descEn: "Crisp amplang made from fresh mackerel.", price: 35000, unit: "bungkus", grams: 250 },
    { id: "Amplang ikan pipih", en: "Featherback fish amplang", descId: "Amplang dari ikan belida (pipih), gurih khas Kalimantan.", descEn: "Amplang from featherback fish, a savoury Kalimantan classic.", price: 45000, unit: "bungkus", grams: 250 },
    { id: "Amplang pedas", en: "Spicy amplang", descId: "Amplang tenggiri dengan bumbu cabai.", descEn: "Mackerel amplang with chilli seasoning.", price: 38000, unit: "bungkus", grams: 250 },
    { id: "Amplang udang", en: "Prawn amplang", descId: "Amplang dari udang laut Pulau Laut.", descEn: "Amplang made from Pulau Laut sea prawns.", price: 42000, unit: "bungkus", grams: 200 },
  ],
  kerupuk: [
    { id: "Kerupuk ikan haruan", en: "Snakehead fish crackers", descId: "Kerupuk mentah dari ikan haruan, tinggal goreng.", descEn: "Uncooked snakehead fish crackers, ready to fry.", price: 30000, unit: "bungkus", grams: 250 },
    { id: "Kerupuk udang galah", en: "River prawn crackers", descId: "Kerupuk dari udang galah sungai Mentaya.", descEn: "Crackers from Mentaya river prawns.", price: 40000, unit: "bungkus", grams: 250 },
    { id: "Kerupuk basah Sampit", en: "Sampit steamed fish roll", descId: "Kerupuk basah khas Sampit, disantap dengan sambal kacang.", descEn: "Sampit's steamed fish roll, eaten with peanut sauce.", price: 50000, unit: "pcs", grams: 500 },
    { id: "Kerupuk ikan patin", en: "Patin fish crackers", descId: "Kerupuk ikan patin siap goreng.", descEn: "Patin catfish crackers, ready to fry.", price: 28000, unit: "bungkus", grams: 250 },
  ],
  kopi: [
    { id: "Kopi bubuk Aranio", en: "Aranio ground coffee", descId: "Kopi robusta sangrai sedang, digiling halus.", descEn: "Medium-roast robusta, finely ground.", price: 45000, unit: "bungkus", grams: 250 },
    { id: "Biji kopi sangrai", en: "Roasted coffee beans", descId: "Biji kopi sangrai untuk diseduh manual.", descEn: "Roasted whole beans for manual brewing.", price: 75000, unit: "bungkus", grams: 250 },
    { id: "Kopi liberika gambut", en: "Peatland liberica coffee", descId: "Kopi liberika dari lahan gambut, rasa buah.", descEn: "Liberica coffee from peatland, fruity taste.", price: 85000, unit: "bungkus", grams: 250 },
    { id: "Green bean kopi", en: "Green coffee beans", descId: "Biji kopi mentah untuk roaster, grade 1.", descEn: "Unroasted grade 1 beans for roasters.", price: 140000, unit: "kg", grams: 1000 },
  ],
  herbal: [
    { id: "Teh bajakah", en: "Bajakah herbal tea", descId: "Potongan akar bajakah kering untuk diseduh.", descEn: "Dried bajakah root pieces for infusion.", price: 55000, unit: "bungkus", grams: 100 },
    { id: "Pasak bumi bubuk", en: "Pasak bumi powder", descId: "Bubuk akar pasak bumi dalam kemasan higienis.", descEn: "Pasak bumi root powder in hygienic packing.", price: 65000, unit: "bungkus", grams: 100 },
    { id: "Sarang semut kering", en: "Dried ant-plant", descId: "Sarang semut Kalimantan yang dikeringkan.", descEn: "Dried Kalimantan ant-plant.", price: 60000, unit: "bungkus", grams: 100 },
    { id: "Gula habang", en: "Habang palm sugar", descId: "Gula aren merah khas Banjar.", descEn: "Banjar red palm sugar.", price: 30000, unit: "pcs", grams: 500 },
  ],
  manik: [
    { id: "Kalung manik Dayak", en: "Dayak bead necklace", descId: "Kalung manik-manik warna-warni motif Dayak.", descEn: "Colourful Dayak-pattern bead necklace.", price: 120000, unit: "pcs", grams: 80 },
    { id: "Gelang manik", en: "Beaded bracelet", descId: "Gelang manik-manik rangkaian tangan.", descEn: "Hand-strung beaded bracelet.", price: 35000, unit: "pcs", grams: 20 },
    { id: "Tas manik Dayak", en: "Dayak beaded bag", descId: "Tas kecil bertabur manik dengan motif burung enggang.", descEn: "Small bag covered in beads with the hornbill motif.", price: 275000, unit: "pcs", grams: 300 },
    { id: "Ikat kepala manik", en: "Beaded headband", descId: "Ikat kepala manik untuk busana adat.", descEn: "Beaded headband for traditional dress.", price: 85000, unit: "pcs", grams: 40 },
    { id: "Gantungan kunci manik", en: "Beaded key ring", descId: "Gantungan kunci manik, oleh-oleh khas.", descEn: "Beaded key ring, a favourite souvenir.", price: 15000, unit: "pcs", grams: 10 },
  ],
};

/** Variation labels added to templates to reach a realistic assortment. */
export const variations = [
  { id: "", en: "" },
  { id: "ukuran besar", en: "large" },
  { id: "edisi motif klasik", en: "classic motif edition" },
];
