"""
The demo users, with fixed passwords that `seed_demo` prints (development only), and the
reviewers' public profiles: name and credentials once, role, affiliation, bio and declaration
of interests in each language.
"""

from .history import EDITOR, REVIEWER, REVIEWER2, REVIEWER3, SITE_ADMIN

USERS = [
    {
        "username": EDITOR,
        "password": "editor-demo-pass-1",
        "first_name": "Leyla",
        "last_name": "Aydın",
        "role": "editor",
        "description": "editor: writes and translates articles and FAQ entries, submits them",
    },
    {
        "username": REVIEWER,
        "password": "reviewer-demo-pass-1",
        "first_name": "Canan",
        "last_name": "Ertürk",
        "role": "reviewer",
        "description": "reviewer (public profile): approves, publishes, re-reviews",
        "profile": {
            "name": "Dr Canan Ertürk",
            "credentials": "MD, interventional radiology",
            "texts": {
                "en": {
                    "role": "Medical Affairs lead",
                    "affiliation": "INVAMED Medical Affairs, Ankara",
                    "bio": (
                        "Interventional radiologist with a long practice in image-guided spine "
                        "and vascular procedures. Leads the Medical Affairs review of INVAblog "
                        "and checks each article against current guidelines and the products' "
                        "instructions for use."
                    ),
                    "declaration": (
                        "Full-time employee of INVAMED, which makes devices discussed on this "
                        "site. No other financial or professional interests."
                    ),
                },
                "tr": {
                    "role": "Medikal İşler Sorumlusu",
                    "affiliation": "INVAMED Medikal İşler, Ankara",
                    "bio": (
                        "Görüntüleme eşliğinde yapılan omurga ve vasküler girişimlerde uzun "
                        "yıllık deneyimi olan girişimsel radyolog. INVAblog'un Medikal İşler "
                        "incelemesini yürütüyor; her makaleyi güncel kılavuzlar ve ürünlerin "
                        "kullanım talimatlarıyla karşılaştırarak denetliyor."
                    ),
                    "declaration": (
                        "Bu sitede sözü edilen cihazları üreten INVAMED'de tam zamanlı "
                        "çalışmaktadır. Başka bir mali ya da mesleki çıkarı yoktur."
                    ),
                },
            },
        },
    },
    {
        "username": REVIEWER2,
        "password": "reviewer2-demo-pass-1",
        "first_name": "Emre",
        "last_name": "Kaplan",
        "role": "reviewer",
        "description": "reviewer (public profile, declares a consultancy fee)",
        "profile": {
            "name": "Dr Emre Kaplan",
            "credentials": "MD, orthopaedic spine surgery",
            "texts": {
                "en": {
                    "role": "Medical reviewer, spine and bone health",
                    "affiliation": (
                        "Orthopaedic spine surgeon, İzmir; external reviewer for INVAMED "
                        "Medical Affairs"
                    ),
                    "bio": (
                        "Orthopaedic surgeon focused on osteoporotic spine fractures and their "
                        "follow-up care. Reviews INVAblog content on vertebral augmentation, "
                        "bone health and rehabilitation."
                    ),
                    "declaration": (
                        "Paid by INVAMED for his review work, at a fixed rate per item whatever "
                        "his decision. In the last three years he has received consultancy fees "
                        "from another manufacturer of spinal implants for teaching on "
                        "vertebral augmentation courses. He holds no shares in medical device "
                        "companies."
                    ),
                },
                "tr": {
                    "role": "Tıbbi incelemeci, omurga ve kemik sağlığı",
                    "affiliation": (
                        "Ortopedi ve travmatoloji uzmanı (omurga cerrahisi), İzmir; INVAMED "
                        "Medikal İşler'in dış incelemecisi"
                    ),
                    "bio": (
                        "Osteoporotik omurga kırıkları ve bu hastaların uzun dönem izlemiyle "
                        "ilgilenen ortopedi uzmanı. INVAblog'da vertebral augmentasyon, kemik "
                        "sağlığı ve rehabilitasyon konulu içerikleri inceliyor."
                    ),
                    "declaration": (
                        "İnceleme çalışması için INVAMED'den, verdiği karardan bağımsız olarak "
                        "içerik başına sabit bir ücret almaktadır. Son üç yılda vertebral "
                        "augmentasyon kurslarında verdiği eğitimler için başka bir omurga "
                        "implantı üreticisinden danışmanlık ücreti almıştır. Tıbbi cihaz "
                        "şirketlerinde hissesi yoktur."
                    ),
                },
            },
        },
    },
    {
        "username": REVIEWER3,
        "password": "reviewer3-demo-pass-1",
        "first_name": "Zeynep",
        "last_name": "Arslan",
        "role": "reviewer",
        "description": "reviewer (no public profile: shown by name only)",
        "profile": {
            "name": "Zeynep Arslan",
            "credentials": "RN, MSc, tissue viability",
            "is_public": False,
            "texts": {
                "en": {
                    "role": "Clinical nurse reviewer, wound care and vascular access",
                    "affiliation": "INVAMED Medical Affairs, İstanbul",
                    "bio": "Specialist nurse in tissue viability and vascular access teams.",
                    "declaration": "None declared.",
                },
                "tr": {
                    "role": "Klinik hemşire incelemeci, yara bakımı ve damar erişimi",
                    "affiliation": "INVAMED Medikal İşler, İstanbul",
                    "bio": "Yara bakımı ve damar erişimi ekiplerinde çalışmış uzman hemşire.",
                    "declaration": "Beyan edilen bir çıkar yok.",
                },
            },
        },
    },
    {
        "username": SITE_ADMIN,
        "password": "siteadmin-demo-pass-1",
        "first_name": "Selin",
        "last_name": "Doğan",
        "role": "site_admin",
        "description": "site administrator: users, categories, notices and site pages",
    },
    {
        "username": "admin",
        "password": "admin-demo-pass-1",
        "first_name": "Site",
        "last_name": "Administrator",
        "role": "superuser",
        "description": "superuser: everything (the record still says who did it)",
    },
]
PASSWORDS = {spec["username"]: spec["password"] for spec in USERS}
