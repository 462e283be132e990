"""
The English demo content: categories, authors, the notices and site pages a site administrator
writes, INVAblog articles and FAQ entries, each item with its history.

Articles and FAQ entries are educational texts for healthcare professionals about the kind of
devices the company makes; their references are generic placeholders (authors "A", "B"; the
DOI test prefix 10.5555) and cite no real paper.

An article's `faq` lists the FAQ entries placed in its block when it is first written; a
revision's `faq` is the block after that revision. Either way the placements are part of the
article's signed version, so entries written after the article come with a later revision.
"""

from .history import (
    FAQ_BLOCK,
    REGULATORY,
    REVIEWER,
    REVIEWER2,
    REVIEWER3,
    SITE_ADMIN,
    Step,
    live,
    reconfirmed,
    revision,
    scheduled,
    submitted,
    written,
)


def ref(authors, title, journal, year, doi_suffix):
    """A generic placeholder citation with a DOI on the test prefix 10.5555."""
    return (f"{authors}. {title}. {journal}. {year}.", f"https://doi.org/10.5555/{doi_suffix}")


# The articles, by address.
VCF = "vertebral-compression-fractures-what-clinicians-should-know"
KYPHO = "kyphoplasty-and-vertebroplasty-how-do-they-differ"
SELECTION = "selecting-patients-for-vertebral-augmentation"
CEMENT = "bone-cement-in-vertebral-augmentation"
OSTEOPOROSIS = "osteoporosis-after-a-fragility-fracture"
REHAB = "rehabilitation-and-fall-prevention-after-a-vertebral-fracture"
BIOPSY = "bone-biopsy-during-vertebral-augmentation"
CVAD = "choosing-a-central-venous-access-device"
CRBSI = "preventing-catheter-related-bloodstream-infections"
WOUND = "moist-wound-healing-and-dressing-selection"
PRESSURE = "pressure-injuries-staging-and-prevention"

# The FAQ entries, by address (the articles' FAQ blocks name them).
PAIN_RELIEF = "how-soon-does-pain-improve-after-vertebral-augmentation"
SEVERAL_LEVELS = "can-several-vertebrae-be-treated-in-one-session"
ANAESTHESIA = "is-vertebral-augmentation-done-under-general-anaesthesia"
HOSPITAL_STAY = "how-long-is-the-hospital-stay-after-kyphoplasty"
CEMENT_LEAKAGE = "does-cement-leakage-always-cause-symptoms"
TUMOUR = "can-tumour-related-vertebral-fractures-be-treated"
FURTHER_FRACTURES = "does-a-vertebral-fracture-increase-the-risk-of-further-fractures"
OSTEOPOROSIS_TREATMENT = "should-osteoporosis-treatment-start-after-vertebral-augmentation"
LIAISON = "what-is-a-fracture-liaison-service"
EXERCISES = "which-exercises-are-safe-after-a-vertebral-fracture"
PICC = "how-long-can-a-picc-stay-in-place"
PORT = "how-often-should-an-implanted-port-be-flushed"
LINE_INFECTION = "what-if-a-catheter-infection-is-suspected"
ULTRASOUND = "why-use-ultrasound-guidance-for-venous-access"
WOUND_INFECTION = "how-do-you-tell-if-a-wound-is-infected"
FOAM_OR_ALGINATE = "foam-or-alginate-dressing"
REPOSITIONING = "how-often-should-a-bed-bound-patient-be-repositioned"

CATEGORIES = [
    {
        "name": "Pain Management & Spine (Algology)",
        "slug": "pain-management-spine",
        "description": (
            "Vertebral compression fractures, vertebral augmentation (kyphoplasty and "
            "vertebroplasty) and the management of spinal pain."
        ),
    },
    {
        "name": "Bone Health & Osteoporosis",
        "slug": "bone-health-osteoporosis",
        "description": "Osteoporosis care after a fragility fracture, falls and rehabilitation.",
    },
    {
        "name": "Interventional Radiology",
        "slug": "interventional-radiology",
        "description": "Image guidance and percutaneous techniques.",
    },
    {
        "name": "Vascular Access",
        "slug": "vascular-access",
        "description": "Central venous access devices, their choice, insertion and care.",
    },
    {
        "name": "Wound Care",
        "slug": "wound-care",
        "description": "Wound assessment, dressings and the prevention of pressure injuries.",
    },
]

FAQ_CATEGORIES = [
    {
        "name": "Vertebral augmentation",
        "slug": "vertebral-augmentation",
        "description": "Questions clinicians ask about kyphoplasty and vertebroplasty.",
    },
    {
        "name": "Bone health",
        "slug": "bone-health",
        "description": "Osteoporosis, fracture risk and recovery.",
    },
    {
        "name": "Vascular access",
        "slug": "vascular-access",
        "description": "Choosing and caring for central venous access devices.",
    },
    {
        "name": "Wound care",
        "slug": "wound-care",
        "description": "Dressings, assessment and prevention.",
    },
]

MEDICAL_AFFAIRS = "invamed-medical-affairs"
AUTHORS = [
    {"name": "INVAMED Medical Affairs", "slug": MEDICAL_AFFAIRS, "is_team": True},
    {
        "name": "Elif Yıldırım",
        "slug": "elif-yildirim",
        "job_title": "Clinical education specialist",
    },
    {"name": "Murat Şahin", "slug": "murat-sahin", "job_title": "Medical writer"},
]

# The standard texts (regulatory review): a site administrator writes them, a reviewer signs
# them off before the first article goes live, and re-reviews them a year on.
NOTICES = {
    "standard": {
        "kind": "regulatory",
        "name": "Standard regulatory notice",
        "heading": "Regulatory notice",
        "is_default": True,
        "text": (
            "<p>The availability of the devices mentioned here, and their approved indications, "
            "differ from country to country. Some products may not be registered where you "
            "practise. Please ask INVAMED or its authorised local distributor which products "
            "and indications apply in your country.</p>"
        ),
        "history": live(540, REVIEWER, REGULATORY, author=SITE_ADMIN) + reconfirmed(180, REVIEWER2),
    },
    "general": {
        "kind": "regulatory",
        "name": "General clinical practice (no product named)",
        "heading": "About this article",
        "text": (
            "<p>This article describes general clinical practice and does not promote a "
            "specific device. Where products are used, follow their instructions for use and "
            "the regulatory status that applies in your country.</p>"
        ),
        "history": live(540, REVIEWER, REGULATORY, author=SITE_ADMIN) + reconfirmed(180, REVIEWER2),
    },
    "disclaimer": {
        "kind": "disclaimer",
        "name": "Audience disclaimer",
        "heading": "For healthcare professionals",
        "is_default": True,
        "text": (
            "<p>This content is educational and written for healthcare professionals. It is "
            "not medical advice and does not replace clinical judgement, current clinical "
            "guidelines or the instructions for use of any product. Patients should discuss "
            "their care with their own clinician.</p>"
        ),
        "history": live(540, REVIEWER, REGULATORY, author=SITE_ADMIN) + reconfirmed(180, REVIEWER2),
    },
}

# The site's own pages (one per kind and language), reviewed like the notices.
SITE_PAGES = [
    {
        "kind": "editorial-policy",
        "title": "Editorial policy",
        "summary": (
            "How INVAblog articles and FAQ answers are written, medically reviewed, dated and "
            "corrected."
        ),
        "body": """
<h2>Who writes our content?</h2>
<p>Articles and FAQ answers are written by INVAMED's clinical education specialists and medical
writers, or by the Medical Affairs team as a whole. The author credit at the top of each page
names the person or team who wrote it. Authors base their text on clinical guidelines,
peer-reviewed literature and the instructions for use of the devices concerned, and list the
main sources as numbered references.</p>
<h2>How is content reviewed?</h2>
<p>Nothing medical is published until a member of Medical Affairs has reviewed it. The reviewer
is a physician or a specialist nurse who did not write or change the version under review
(the "four eyes" rule). The reviewer checks clinical accuracy, balance, references and the fit
with the products' approved indications, and then signs off that exact version with an
electronic signature. Any change made after the sign-off, however small, needs a new review
before visitors see it.</p>
<p>A translation is reviewed in the same way, as an item of its own: a reviewer who reads its
language checks it against the original and signs off the translated text.</p>
<h2>What do the dates mean?</h2>
<ul>
<li><strong>Last reviewed</strong> is the date on which a reviewer signed off the version you are
reading, or later confirmed that it is still current. It is never the date of a mere save.</li>
<li><strong>Next review due</strong> is when the content must be checked again, normally twelve
months after the last review. Content that passes this date is flagged to the reviewers.</li>
<li><strong>Updated</strong> appears when a newer, reviewed version replaced the first published
one; it is the date that version went live.</li>
</ul>
<h2>How are errors corrected?</h2>
<p>If you believe something on this site is inaccurate or out of date, please contact INVAMED
Medical Affairs. A reported error is checked by a reviewer; a correction goes through the same
review as any other change, and the page then shows its new review date. Every version and every
review decision is kept in an audit record.</p>
<h2>Independence and scope</h2>
<p>INVAblog is published by a medical-device manufacturer. Our articles are educational and are
written for healthcare professionals; they are not medical advice for patients, and they do not
replace clinical guidelines or the instructions for use of any product.</p>
""",
        "history": live(538, REVIEWER, REGULATORY, author=SITE_ADMIN) + reconfirmed(178, REVIEWER2),
    },
    {
        "kind": "privacy",
        "title": "Privacy notice",
        "summary": (
            "What this site records about its readers and its staff, why, for how long, and "
            "how to exercise your rights."
        ),
        "body": """
<h2>Who is responsible for your data?</h2>
<p>This site is run by INVAMED, which is the data controller for the personal data described
here. Questions about this notice can be sent to our data protection contact at
privacy@invamed.example.</p>
<h2>What do we record when you read the site?</h2>
<p>Reading INVAblog and the FAQ needs no account, and the public pages set no advertising or
tracking cookies. Like any web server, ours keeps technical logs of requests: the page asked
for, the time, the description the browser gives of itself and the internet address the request
came from. We use these logs only to keep the site working and secure, for example to find a
fault or to block an attack, and we delete them after 30 days.</p>
<h2>What do we record about editors and reviewers?</h2>
<p>Staff who sign in to write or review content have an account with their name, work e-mail
address and role. Every version they save and every review decision they take is recorded with
their name and the time, and a reviewer's sign-off is shown on the public page. This record is
part of our quality system for medical information: it is kept as long as the content it
concerns, and afterwards for as long as our regulatory obligations require.</p>
<h2>On what grounds do we process these data?</h2>
<p>Technical logs are kept in our legitimate interest in a secure, working site. The records
about staff are needed to meet our legal and regulatory obligations for medical information
and, for employees, to perform their employment contract.</p>
<h2>Who else sees the data?</h2>
<p>We do not sell personal data or share them for marketing. The companies that host the site
and its backups process data on our behalf, under contract and only on our instructions.</p>
<h2>What are your rights?</h2>
<p>You may ask for access to the personal data we hold about you, for their correction or
erasure, or object to their processing, within the limits of the applicable law (in Türkiye,
Law No. 6698 on the Protection of Personal Data). Write to privacy@invamed.example. You may also
complain to the data protection authority of your country.</p>
""",
        "history": live(537, REVIEWER, REGULATORY, author=SITE_ADMIN) + reconfirmed(177, REVIEWER2),
    },
    {
        "kind": "legal",
        "title": "Legal notice",
        "summary": (
            "Who publishes this site, on what terms its content may be used, and the limits of "
            "our responsibility."
        ),
        "body": """
<h2>Who publishes this site?</h2>
<p>INVAblog and the INVAMED FAQ are published by INVAMED, a manufacturer of medical devices
based in Ankara, Türkiye. INVAMED Medical Affairs is responsible for their content.</p>
<h2>What is the content for?</h2>
<p>The articles and answers are educational information for healthcare professionals. They are
not medical advice, they do not replace clinical judgement or clinical guidelines, and they are
not an offer or an advertisement for any product in a country where it is not registered.
Always follow the instructions for use of a device.</p>
<h2>May I reuse the content?</h2>
<p>The texts are protected by copyright. You may print or save a page for your own professional
use or for teaching, together with its source and its date of review. Any other reproduction
needs our written permission. The works cited in the references belong to their authors and
publishers.</p>
<h2>What about links to other sites?</h2>
<p>Links to other websites, such as those of the publishers of the references, are given for
convenience. We do not control those sites and are not responsible for their content.</p>
<h2>Can I report an adverse event here?</h2>
<p>No: this site is not the channel for adverse events or product complaints. Report them to
INVAMED's vigilance team as described on the contact page, or to the authority responsible for
medical devices in your country (in Türkiye, the Turkish Medicines and Medical Devices Agency,
TİTCK), as the law requires.</p>
<h2>Which law applies?</h2>
<p>This notice and the use of this site are governed by the law of the Republic of
Türkiye.</p>
""",
        "history": live(536, REVIEWER, REGULATORY, author=SITE_ADMIN) + reconfirmed(176, REVIEWER2),
    },
    {
        "kind": "contact",
        "title": "Contact Medical Affairs",
        "summary": (
            "How to reach INVAMED Medical Affairs with a medical question, a correction or a "
            "report about a product."
        ),
        "body": """
<h2>Medical and scientific questions</h2>
<p>Healthcare professionals can send questions about the content of this site, or about the
clinical use of INVAMED products, to Medical Affairs at medical.affairs@invamed.example. A
physician or specialist nurse of the team answers, usually within five working days. We cannot
advise on the care of an individual patient.</p>
<h2>Reporting an error</h2>
<p>If you think something on a page is inaccurate or out of date, write to the same address and
name the page. A reviewer checks every report, and a correction goes through the same review as
any other change, as our editorial policy describes.</p>
<h2>Adverse events and product complaints</h2>
<p>Report a suspected adverse event or a product complaint to our vigilance team at
vigilance@invamed.example as soon as you can, with the product's name, its lot number and a
short description of what happened. You may also report it to the authority responsible for
medical devices in your country.</p>
<h2>Products, availability and orders</h2>
<p>For the products available in your country, prices and orders, contact INVAMED's sales office
or its authorised local distributor.</p>
<h2>Patients</h2>
<p>If you are a patient, please talk to your own doctor about your care: Medical Affairs cannot
answer questions about individual treatment.</p>
""",
        "history": live(535, REVIEWER, REGULATORY, author=SITE_ADMIN) + reconfirmed(175, REVIEWER2),
    },
]

ARTICLES = [
    {
        "slug": VCF,
        "title": "Vertebral compression fractures: what clinicians should know",
        "category": "pain-management-spine",
        "author": MEDICAL_AFFAIRS,
        "notice": "standard",
        "featured": True,
        "summary": (
            "Vertebral compression fractures are the most common fragility fracture, yet many "
            "are never diagnosed. This overview covers how they present, how to confirm them on "
            "imaging, how pain and function are managed in the first weeks, and why every "
            "fracture should start a conversation about bone health."
        ),
        "tags": [
            "vertebral augmentation",
            "osteoporotic fracture",
            "spine care",
            "osteoporosis support",
            "vertebral fracture",
            "pain management",
        ],
        "references": [
            ref(
                "Author A, Author B",
                "Incidence and under-diagnosis of osteoporotic vertebral "
                "fractures in primary care: a narrative review",
                "Example Journal of Bone Health",
                2021,
                "demo.bone.2021.014",
            ),
            ref(
                "Author C, Author D, Author E",
                "Clinical course of painful vertebral compression "
                "fractures managed without intervention",
                "Example Spine Review",
                2020,
                "demo.spine.2020.102",
            ),
            ref(
                "Author F",
                "Magnetic resonance imaging in the dating of vertebral fractures",
                "Example Radiology Practice",
                2022,
                "demo.rad.2022.031",
            ),
        ],
        "body": """
<h2>What is a vertebral compression fracture?</h2>
<p>A vertebral compression fracture (VCF) is a collapse of the vertebral body, usually of its
anterior part, which gives the vertebra a wedge shape. In older adults most of these fractures
are caused by osteoporosis and follow little or no trauma: lifting a shopping bag, bending to
tie a shoe or a cough can be enough. Less often the cause is a tumour, such as metastatic
disease or multiple myeloma, or high-energy trauma in younger patients.</p>
<h2>Why are so many fractures missed?</h2>
<p>Only about a third of vertebral fractures come to clinical attention [[ref:1]]. Back pain is
common in
older patients and is easily attributed to degenerative disease, and some fractures cause little
pain at all. Clues that should prompt imaging include sudden back pain after minimal trauma,
pain that worsens on standing and eases on lying down, loss of height of more than a few
centimetres, and a new or increasing thoracic kyphosis.</p>
<h2>How is the diagnosis confirmed?</h2>
<p>Plain lateral radiographs show most fractures and allow them to be graded by the loss of
vertebral height. When the age of a fracture matters, for example before any procedure, magnetic
resonance imaging is the examination of choice: bone marrow oedema on STIR or fat-suppressed
T2-weighted images marks a recent or still-unhealed fracture [[ref:3]]. CT helps to assess the
posterior
wall and to plan treatment; a bone scan is an alternative when MRI is not possible.</p>
<table>
<caption>Imaging at a glance</caption>
<thead><tr><th scope="col">Examination</th><th scope="col">Main use</th></tr></thead>
<tbody>
<tr><td>Lateral radiograph</td><td>Detection and grading of the fracture</td></tr>
<tr><td>MRI (STIR)</td><td>Age of the fracture, other causes, neural compromise</td></tr>
<tr><td>CT</td><td>Posterior wall, fracture lines, procedure planning</td></tr>
</tbody>
</table>
<h2>What does first-line management involve?</h2>
<p>Most patients are first managed conservatively: analgesia adapted to age and kidney function,
a short period of relative rest followed by early mobilisation, and physiotherapy [[ref:2]].
Bracing is
used by some teams for comfort. The aim is to keep the patient moving, because immobility in
older adults quickly leads to deconditioning, pneumonia, thrombosis and loss of independence
[[ref:2]].
Red flags such as neurological deficit, fever or a history of cancer call for prompt further
investigation.</p>
<h2>When is vertebral augmentation considered?</h2>
<p>Vertebral augmentation, by vertebroplasty or balloon kyphoplasty, is considered for patients
whose pain remains severe despite adequate conservative care, whose fracture is confirmed as
recent on MRI, and in whom the pain clearly matches the fractured level. The decision is best
made by a multidisciplinary team and discussed openly with the patient.</p>
<h2>Why does every fracture matter for bone health?</h2>
<p>A first vertebral fracture multiplies the risk of further fractures, in the spine and the
hip. Every patient with a fragility fracture should therefore have an assessment of bone
density and fall risk, and be offered treatment for osteoporosis where indicated. Treating the
fracture without treating the bone leaves the underlying disease in place.</p>
""",
        "revisions": [
            {"faq": [FURTHER_FRACTURES, OSTEOPOROSIS_TREATMENT, PAIN_RELIEF]},
        ],
        "history": live(490, REVIEWER2) + revision(300, REVIEWER, FAQ_BLOCK),
    },
    {
        "slug": KYPHO,
        "title": "Kyphoplasty and vertebroplasty: how do the two procedures differ?",
        "category": "pain-management-spine",
        "author": "elif-yildirim",
        "notice": "standard",
        "featured": True,
        "summary": (
            "Both procedures stabilise a painful fractured vertebra with bone cement injected "
            "through a needle, but they differ in how the cavity is prepared, how the cement is "
            "delivered and what they aim to restore. A side-by-side guide for clinicians "
            "discussing the options with their teams and patients."
        ),
        "tags": [
            "vertebral augmentation",
            "kyphoplasty vertebroplasty",
            "cement augmentation",
            "spine care",
            "osteoporotic fracture",
            "vertebral fracture",
            "interventional radiology",
        ],
        "references": [
            ref(
                "Author G, Author H",
                "Balloon kyphoplasty versus vertebroplasty for painful "
                "osteoporotic fractures: a systematic review of comparative studies",
                "Example Journal of Spine Interventions",
                2021,
                "demo.spineint.2021.077",
            ),
            ref(
                "Author J, Author K",
                "Cement viscosity and extravasation in percutaneous vertebral augmentation",
                "Example Interventional Radiology Quarterly",
                2019,
                "demo.irq.2019.210",
            ),
        ],
        "body": """
<h2>What do the two procedures have in common?</h2>
<p>Vertebroplasty and kyphoplasty are both forms of percutaneous vertebral augmentation. In each,
the operator places one or two cannulas into the fractured vertebral body, usually through the
pedicles, under fluoroscopic or CT guidance, and fills the vertebra with polymethyl
methacrylate (PMMA) bone cement. Once the cement sets, the fracture is internally stabilised,
micromotion between the fragments stops and, in well-selected patients, pain improves within
days. Both are usually performed under local anaesthesia with sedation or under general
anaesthesia, often as a day case.</p>
<h2>How does vertebroplasty work?</h2>
<p>In vertebroplasty, cement of relatively low viscosity is injected directly into the
cancellous bone of the vertebral body, where it spreads between the trabeculae. The procedure is
quick and needs few instruments. Because the cement is injected under pressure into an intact
trabecular network, careful control of viscosity, volume and injection speed is essential to
limit leakage.</p>
<h2>How does kyphoplasty work?</h2>
<p>In balloon kyphoplasty, an inflatable bone tamp is first introduced into the vertebral body
and inflated. It compacts the surrounding cancellous bone, creates a cavity and may partly
restore the height of the collapsed vertebra. The balloon is then withdrawn and a more viscous
cement is delivered into the cavity at lower pressure. The aims are to reduce the risk of cement
leakage and to correct part of the local kyphotic deformity.</p>
<h2>How do they compare?</h2>
<table>
<caption>Vertebroplasty and balloon kyphoplasty side by side</caption>
<thead><tr><th scope="col">Aspect</th><th scope="col">Vertebroplasty</th>
<th scope="col">Balloon kyphoplasty</th></tr></thead>
<tbody>
<tr><th scope="row">Cavity creation</th><td>None</td><td>Inflatable bone tamp</td></tr>
<tr><th scope="row">Cement</th><td>Lower viscosity, injected into trabecular bone</td>
<td>Higher viscosity, placed into a cavity</td></tr>
<tr><th scope="row">Height restoration</th><td>Not an aim</td>
<td>Partial, in some fractures</td></tr>
<tr><th scope="row">Procedure time and cost</th><td>Shorter, fewer instruments</td>
<td>Longer, more instruments</td></tr>
</tbody>
</table>
<h2>Which one should be chosen?</h2>
<p>Comparative studies report similar pain relief with the two techniques in osteoporotic
fractures, with lower rates of cement leakage reported for kyphoplasty in several series. The
choice therefore depends on the fracture (its age, the degree of collapse, the state of the
posterior wall), on the patient and on the experience of the team. Fractures with marked recent
collapse, or those in which restoring alignment is a goal, are often treated with kyphoplasty.</p>
<h2>What should patients be told?</h2>
<p>Patients should hear that both procedures aim to relieve pain and stabilise the fracture,
that relief is not guaranteed, and that the risks include cement leakage, infection, bleeding
and, rarely, neurological or embolic complications. They should also hear that new fractures at
other levels can occur, which is why treatment of osteoporosis remains part of the plan.</p>
""",
        "revisions": [
            {"faq": [PAIN_RELIEF, HOSPITAL_STAY]},
            {
                "append": """
<h2>What about patients taking anticoagulants or antiplatelet drugs?</h2>
<p>Vertebral augmentation is a procedure with a low to moderate bleeding risk. Teams usually
follow their institution's peri-procedural protocol: anticoagulants are paused for an interval
that depends on the drug and kidney function, while low-dose aspirin is often continued. The
decision weighs the bleeding risk of the procedure against the thrombotic risk of stopping the
drug, and is best made together with the prescribing clinician.</p>
""",
                "references": [
                    ref(
                        "Author L, Author M",
                        "Peri-procedural management of antithrombotic "
                        "therapy in image-guided spine procedures",
                        "Example Journal of Procedural Safety",
                        2023,
                        "demo.procsafe.2023.009",
                    ),
                ],
            },
        ],
        "history": live(430, REVIEWER)
        + revision(240, REVIEWER2, FAQ_BLOCK)
        + revision(160, REVIEWER2),
    },
    {
        "slug": SELECTION,
        "title": "Who is a candidate for vertebral augmentation?",
        "category": "pain-management-spine",
        "author": MEDICAL_AFFAIRS,
        "notice": "standard",
        "summary": (
            "Good results after vertebroplasty or kyphoplasty depend above all on choosing the "
            "right patient and the right level. This article sets out the clinical and imaging "
            "findings that support augmentation, the situations that argue against it, and the "
            "checks to make before the procedure is booked."
        ),
        "tags": [
            "vertebral augmentation",
            "patient selection",
            "kyphoplasty vertebroplasty",
            "osteoporotic fracture",
            "spine care",
            "pain management",
        ],
        "references": [
            ref(
                "Author N, Author P",
                "Predictors of pain relief after percutaneous vertebral augmentation",
                "Example Spine Review",
                2020,
                "demo.spine.2020.145",
            ),
            ref(
                "Author Q",
                "Multidisciplinary decision-making for painful vertebral fractures",
                "Example Journal of Spine Interventions",
                2022,
                "demo.spineint.2022.018",
            ),
        ],
        "body": """
<h2>Why does patient selection matter so much?</h2>
<p>Vertebral augmentation treats one cause of pain: the movement of an unhealed fractured
vertebra. When that is the source of the patient's pain, relief can be rapid and substantial.
When the pain has another origin, such as facet joint arthropathy, a healed old fracture or
radicular pain from a disc, injecting cement into a vertebra will not help and exposes the
patient to risk for no benefit. Most of the variation in reported outcomes can be traced back to
how patients were selected.</p>
<h2>Which findings support augmentation?</h2>
<ul>
<li>Severe, focal back pain at the level of a fracture, worse on standing, turning in bed or
sitting up, and limiting mobility or sleep.</li>
<li>Pain that persists despite a reasonable period of well-conducted conservative treatment, or
pain so severe that the patient cannot be mobilised at all.</li>
<li>A fracture shown to be recent or unhealed on MRI, with bone marrow oedema on STIR images.</li>
<li>Tenderness on palpation or percussion over the spinous process of the fractured level, in
keeping with the imaging.</li>
</ul>
<h2>When should augmentation not be done?</h2>
<p>Absolute contraindications include active infection at the site or in the blood, an
uncorrectable bleeding disorder, and allergy to the materials used. Relative contraindications
call for careful discussion: fractures with retropulsion of the posterior wall or neurological
signs, vertebra plana in which little body height remains, healed fractures without oedema, and
pain that does not match the fractured level. Fractures caused by tumour can be treated, but
need imaging of the whole spine, often a biopsy, and coordination with oncology.</p>
<h2>What should be checked before booking the procedure?</h2>
<ol>
<li>Recent MRI, or CT with a bone scan when MRI is not possible, reviewed with the
operator.</li>
<li>Blood count, coagulation and, where relevant, inflammatory markers.</li>
<li>The patient's anticoagulant or antiplatelet treatment and a plan for it.</li>
<li>Fitness for the position (prone, often for an hour) and for sedation or anaesthesia.</li>
<li>Informed consent covering the expected benefit, the risks and the alternatives.</li>
</ol>
<h2>Is there a right time to treat?</h2>
<p>There is no fixed rule. Many teams first offer a few weeks of conservative treatment, but
earlier treatment is reasonable in patients who are bed-bound by pain or in hospital, because
prolonged immobility carries its own serious risks. What matters most is that the fracture is
still unhealed on imaging and that the symptoms match it.</p>
<h2>Who should be involved in the decision?</h2>
<p>The best decisions come from a team: the referring physician, the interventional radiologist
or spine surgeon, and often a pain specialist and a geriatrician. The patient's goals, such as
walking again, returning home or sleeping through the night, should be part of the discussion
from the start.</p>
""",
        "revisions": [
            {"faq": [SEVERAL_LEVELS]},
            {"faq": [SEVERAL_LEVELS, TUMOUR]},
        ],
        "history": live(525, REVIEWER)
        + revision(390, REVIEWER2, FAQ_BLOCK)
        + reconfirmed(95, REVIEWER2)
        + revision(3),
    },
    {
        "slug": CEMENT,
        "title": "Bone cement in vertebral augmentation: handling, leakage and safety",
        "category": "pain-management-spine",
        "author": "murat-sahin",
        "notice": "standard",
        "summary": (
            "PMMA bone cement is what stabilises the fracture in vertebroplasty and kyphoplasty, "
            "and most complications of the procedures are related to it. A practical look at "
            "cement preparation and viscosity, where leakage happens and how to limit it, and "
            "what to watch for after the procedure."
        ),
        "tags": [
            "cement augmentation",
            "vertebral augmentation",
            "kyphoplasty vertebroplasty",
            "patient safety",
            "spine care",
            "interventional radiology",
        ],
        "references": [
            ref(
                "Author R, Author S",
                "Patterns of cement extravasation after percutaneous "
                "vertebral augmentation: a CT-based analysis",
                "Example Radiology Practice",
                2020,
                "demo.rad.2020.088",
            ),
            ref(
                "Author T",
                "Pulmonary cement embolism after vertebral augmentation: incidence and management",
                "Example Journal of Procedural Safety",
                2021,
                "demo.procsafe.2021.040",
            ),
            ref(
                "Author U, Author V",
                "Setting behaviour of radiopaque PMMA cements at room and body temperature",
                "Example Biomaterials Letters",
                2018,
                "demo.biomat.2018.122",
            ),
        ],
        "body": """
<h2>What is the cement made of?</h2>
<p>The cements used for vertebral augmentation are polymethyl methacrylate (PMMA) cements made
radiopaque by the addition of barium sulphate or zirconium dioxide, so that their spread can be
followed under fluoroscopy. They are supplied as a powder and a liquid monomer which are mixed
just before use. Polymerisation is exothermic and proceeds through a liquid, a doughy and a
hardened phase; the working time depends on the product, the room temperature and how the
cement is mixed.</p>
<h2>Why does viscosity matter?</h2>
<p>Cement that is too liquid flows along the paths of least resistance, including fracture
clefts, the basivertebral vein and the epidural venous plexus. Cement that is too stiff cannot
be delivered and fills the vertebra unevenly. Operators therefore inject cement in its
toothpaste-like phase, in small increments, while watching the lateral view continuously and
stopping as soon as cement approaches the posterior wall or appears in a vein.</p>
<h2>Where does leakage happen, and does it matter?</h2>
<p>Small leaks are common on post-procedure CT and most cause no symptoms. Their importance
depends on where the cement goes:</p>
<ul>
<li><strong>Into the disc space:</strong> usually silent; some studies link it with a higher
risk of fracture of the adjacent vertebra.</li>
<li><strong>Into paravertebral soft tissue:</strong> usually silent.</li>
<li><strong>Into the spinal canal or a neural foramen:</strong> rare but can compress the cord or a
nerve root and may need urgent decompression.</li>
<li><strong>Into the veins:</strong> cement can travel to the lungs. Most pulmonary cement emboli
are small and asymptomatic, but large ones can cause chest pain, breathlessness or worse.</li>
</ul>
<h2>How can the risk be reduced?</h2>
<ol>
<li>Good biplane or CT imaging, with a clear lateral view of the posterior wall throughout the
injection.</li>
<li>Correct cannula position, in the anterior two thirds of the vertebral body.</li>
<li>Cement of suitable viscosity, delivered slowly and in small volumes.</li>
<li>In kyphoplasty, filling the cavity created by the balloon at low pressure.</li>
<li>Stopping early when cement approaches the posterior wall or fills a vein, and waiting a few
moments before continuing.</li>
</ol>
<h2>What should be watched after the procedure?</h2>
<p>Patients are usually observed lying flat for a short period while the cement fully hardens.
Nursing staff check vital signs, oxygen saturation and neurological function of the legs. New
chest pain, breathlessness, a drop in saturation, or new weakness or numbness should be
reported to the operator at once. Before discharge, patients should know which symptoms need
urgent review and that new pain at another level may signal a new fracture.</p>
""",
        "revisions": [
            {"faq": [CEMENT_LEAKAGE]},
            {
                "append": """
<h2>Does the amount of cement matter?</h2>
<p>Filling the whole vertebral body is not necessary for pain relief. Moderate volumes that reach
both the upper and lower endplates are usually enough to stabilise the fracture, while large
volumes increase the risk of leakage without a clear gain.</p>
""",
            },
        ],
        "history": live(270, REVIEWER) + revision(250, REVIEWER2, FAQ_BLOCK) + revision(6),
    },
    {
        "slug": OSTEOPOROSIS,
        "title": "Osteoporosis after a fragility fracture: how can the treatment gap be closed?",
        "category": "bone-health-osteoporosis",
        "author": MEDICAL_AFFAIRS,
        "notice": "general",
        "featured": True,
        "summary": (
            "Most people who break a bone because of osteoporosis leave hospital without "
            "treatment for it, although a first fracture is the strongest warning of the next "
            "one. What secondary fracture prevention involves, who should lead it, and how "
            "services such as fracture liaison teams close the gap."
        ),
        "tags": [
            "osteoporosis support",
            "osteoporotic fracture",
            "fall prevention",
            "spine care",
            "vertebral fracture",
        ],
        "references": [
            ref(
                "Author W, Author X",
                "The treatment gap after fragility fracture: a review of audit data",
                "Example Journal of Bone Health",
                2020,
                "demo.bone.2020.061",
            ),
            ref(
                "Author Y",
                "Fracture liaison services: models of care and their outcomes",
                "Example Osteoporosis Review",
                2022,
                "demo.osteo.2022.007",
            ),
        ],
        "body": """
<h2>What is the treatment gap?</h2>
<p>A fragility fracture is one caused by a fall from standing height or less. It is often the
first sign of osteoporosis, and it doubles or triples the risk of a further fracture, with the
highest risk in the first one to two years. Effective treatments exist, yet audits in many
countries show that only a minority of patients receive an assessment or treatment for
osteoporosis after their fracture. This difference between need and care is known as the
treatment gap.</p>
<h2>Why do patients fall through it?</h2>
<p>Fracture care is usually organised around the broken bone. The orthopaedic or spine team
treats the fracture, the patient is discharged, and each clinician assumes that someone else
will look after the bone health. Vertebral fractures are especially often missed because they
may be found by chance on a chest radiograph or CT and never named in the report.</p>
<h2>What should the assessment include?</h2>
<ul>
<li>A history of previous fractures, falls, medicines that affect bone such as oral
glucocorticoids, and conditions such as rheumatoid arthritis or early menopause.</li>
<li>A calculation of fracture risk with a validated tool, and bone density measurement by DXA
where it will change management.</li>
<li>Blood tests to exclude secondary causes: calcium, vitamin D, kidney and liver function,
thyroid function and, where suggested, tests for myeloma.</li>
<li>An assessment of fall risk: balance, vision, medicines that cause dizziness, and hazards at
home.</li>
</ul>
<h2>Which treatments are used?</h2>
<p>Adequate calcium and vitamin D intake is the foundation. Antiresorptive drugs, such as oral or
intravenous bisphosphonates or denosumab, reduce the risk of new vertebral fractures
substantially. Patients at very high risk, for example those with several vertebral fractures,
may benefit from starting with an anabolic agent followed by an antiresorptive drug. The choice
depends on kidney function, the patient's preference and local guidance; an important safety
point is that denosumab should not be stopped without a plan for follow-on treatment.</p>
<h2>How do fracture liaison services help?</h2>
<p>A fracture liaison service is a team, usually led by a specialist nurse, that systematically
identifies patients with fragility fractures, arranges their assessment, starts or recommends
treatment and follows them up to check that they continue it. Where such services exist, far
more patients are assessed and treated, and adherence is better.</p>
<h2>What can every clinician do?</h2>
<p>Name the fracture as an osteoporotic fracture in the notes and the discharge letter, refer the
patient for a bone health assessment, and tell the patient plainly that the fracture is a
warning sign and that treatment can lower the risk of the next one.</p>
""",
        "faq": [FURTHER_FRACTURES],
        "revisions": [{"faq": [FURTHER_FRACTURES, OSTEOPOROSIS_TREATMENT, LIAISON]}],
        "history": live(330, REVIEWER2) + revision(300, REVIEWER, FAQ_BLOCK),
    },
    {
        "slug": REHAB,
        "title": "Rehabilitation and fall prevention after a vertebral fracture",
        "category": "bone-health-osteoporosis",
        "author": "elif-yildirim",
        "notice": "general",
        "summary": (
            "Recovery from a vertebral fracture does not end when the pain settles. Exercise, "
            "posture training and fall prevention help patients regain confidence and reduce "
            "the risk of the next fracture. What a rehabilitation plan can include and how to "
            "adapt it to the frail older patient."
        ),
        "tags": [
            "rehabilitation",
            "fall prevention",
            "osteoporosis support",
            "osteoporotic fracture",
            "spine care",
        ],
        "references": [
            ref(
                "Author Z, Author A",
                "Exercise after osteoporotic vertebral fracture: a systematic review",
                "Example Journal of Rehabilitation",
                2021,
                "demo.rehab.2021.033",
            ),
        ],
        "body": """
<h2>Why is rehabilitation needed after a vertebral fracture?</h2>
<p>A painful vertebral fracture often leads to weeks of reduced activity. In older adults this
quickly causes loss of muscle strength, poorer balance and fear of moving, which in turn
increase the risk of falls and further fractures. Several fractures can also change posture,
with a rounded upper back that makes breathing, eating and balance harder. Rehabilitation aims
to break this cycle.</p>
<h2>When can exercise start?</h2>
<p>Gentle activity, such as short walks and breathing exercises, can start as soon as pain
allows, including after vertebral augmentation. Structured exercise usually begins once the
acute pain has settled, guided by a physiotherapist. Exercises should be progressed slowly and
should never provoke sharp pain.</p>
<h2>Which exercises help, and which should be avoided?</h2>
<table>
<caption>Exercise after a vertebral fracture</caption>
<thead><tr><th scope="col">Recommended</th><th scope="col">Avoid or adapt</th></tr></thead>
<tbody>
<tr><td>Back extensor strengthening in a neutral spine</td>
<td>Repeated forward bending and sit-ups</td></tr>
<tr><td>Balance and gait training</td><td>Twisting under load</td></tr>
<tr><td>Progressive resistance training for the legs</td>
<td>Lifting heavy objects with a rounded back</td></tr>
<tr><td>Regular walking</td><td>High-impact activities in frail patients</td></tr>
</tbody>
</table>
<h2>How can falls be prevented?</h2>
<p>Most non-vertebral fractures follow a fall. A fall risk assessment looks at the patient's
strength and balance, vision, footwear, continence, blood pressure on standing and medicines,
especially sedatives and drugs that lower blood pressure. At home, simple changes help: good
lighting, removing loose rugs, grab rails in the bathroom and keeping frequently used items
within easy reach. Hip protectors may be considered for patients in care homes.</p>
<h2>What about daily activities?</h2>
<p>Patients benefit from practical advice on moving safely: rolling onto the side to get out of
bed, bending at the hips and knees rather than the spine, carrying loads close to the body and
splitting heavy shopping into smaller bags. Occupational therapists can advise on aids that
make washing, dressing and cooking easier.</p>
<h2>Who should be part of the team?</h2>
<p>Rehabilitation works best when it is shared. The physiotherapist leads the exercise
programme, the occupational therapist adapts the home and daily tasks, the nurse or pharmacist
reviews medicines that increase the risk of falling, and the physician makes sure that pain is
controlled well enough for the patient to take part. Family members and carers can be taught
how to help safely.</p>
<h2>How is progress followed?</h2>
<p>Simple measures such as the time taken to stand up from a chair and walk a few metres, or the
ability to stand on one leg, show progress and help motivate patients. A follow-up visit is
also an opportunity to check that osteoporosis treatment has started and is being taken.</p>
""",
        "revisions": [
            {
                "append": """
<h2>What about pain during rehabilitation?</h2>
<p>Some discomfort during exercise is expected, but pain that is sharp, new or worse the next day
is a reason to reduce the load and to review the patient. Sudden new back pain should raise the
question of a new fracture and be assessed with imaging.</p>
""",
                "references": [
                    ref(
                        "Author B, Author C",
                        "Falls prevention programmes in community-dwelling "
                        "older adults: components and effects",
                        "Example Geriatric Medicine Journal",
                        2022,
                        "demo.geri.2022.054",
                    ),
                ],
            },
            {"faq": [EXERCISES]},
        ],
        "history": [
            Step(236, 9, "write"),
            Step(234, 10, "submit"),
            Step(
                232,
                11,
                "request_changes",
                REVIEWER2,
                "Please add advice on pain during exercise and a reference on falls prevention "
                "programmes.",
            ),
            *revision(229, REVIEWER2, "Thank you: the additions are accurate. Approved."),
        ]
        + revision(200, REVIEWER2, FAQ_BLOCK),
    },
    {
        "slug": "image-guidance-in-percutaneous-spine-procedures",
        "title": "Fluoroscopy or CT? Image guidance in percutaneous spine procedures",
        "category": "interventional-radiology",
        "author": "murat-sahin",
        "notice": "standard",
        "summary": (
            "Safe needle placement in the spine depends on clear, correctly aligned images. "
            "This article compares fluoroscopic and CT guidance for vertebral augmentation and "
            "biopsy, explains how to obtain true views of the vertebra, and summarises how "
            "radiation dose to patients and staff is kept as low as reasonably achievable."
        ),
        "tags": [
            "image guidance",
            "interventional radiology",
            "vertebral augmentation",
            "patient safety",
            "spine care",
        ],
        "references": [
            ref(
                "Author D, Author E",
                "CT-guided versus fluoroscopy-guided vertebral augmentation: accuracy and dose",
                "Example Interventional Radiology Quarterly",
                2020,
                "demo.irq.2020.064",
            ),
            ref(
                "Author F, Author G",
                "Occupational radiation protection in interventional spine procedures",
                "Example Radiation Safety Journal",
                2019,
                "demo.radsafe.2019.015",
            ),
        ],
        "body": """
<h2>Why does image quality matter so much in the spine?</h2>
<p>During vertebral augmentation or biopsy, the needle passes close to the spinal canal, the
nerve roots, the pleura and major vessels. The operator relies on imaging to keep the needle
within the pedicle and the vertebral body, and to watch the spread of cement in real time. Poorly
aligned or noisy images are a common root cause of misplaced needles and unnoticed leakage.</p>
<h2>How is fluoroscopic guidance used?</h2>
<p>Most procedures are performed under fluoroscopy, either with two C-arms or with one C-arm
rotated between the anteroposterior and lateral projections. The key is a true view of the
target vertebra: in the anteroposterior projection the endplates appear as single lines and the
spinous process lies midway between the pedicles; in the lateral projection the endplates and
the posterior wall are sharp and the pedicles superimpose. Each new level needs its own
alignment, because the curvature of the spine changes the angle.</p>
<h2>How is the approach planned?</h2>
<p>Before the first puncture, the operator reviews the cross-sectional images to measure the
width and angle of each pedicle and to decide between a transpedicular, a parapedicular or, in
the thoracic spine, a costovertebral approach. The skin entry point and the needle angle follow
from these measurements. A plan made on the images saves exposures on the table.</p>
<h2>When is CT guidance preferred?</h2>
<ul>
<li>Upper thoracic and cervical levels, where the shoulders obscure fluoroscopic views and the
pedicles are narrow.</li>
<li>Small or deformed pedicles, severe scoliosis or marked osteopenia that makes landmarks hard to
see.</li>
<li>Biopsy of small lesions or lesions in the posterior elements.</li>
<li>Patients with tumours that have destroyed the posterior wall, where the relationship of the
lesion to the canal must be seen precisely.</li>
</ul>
<p>Some centres combine both: CT for needle placement and fluoroscopy for monitoring cement
injection, or cone-beam CT on a C-arm.</p>
<h2>How is radiation dose kept low?</h2>
<p>The principle is to keep exposure as low as reasonably achievable without compromising the
images needed for safety. Practical measures include pulsed fluoroscopy at the lowest useful
frame rate, tight collimation, keeping the detector close to the patient, using last-image hold
instead of fresh exposures, and limiting CT to the levels of interest. Staff wear lead aprons and
thyroid shields, use ceiling-mounted screens and stand on the detector side of the patient
during lateral exposures. Personal dosimeters should be worn and their readings reviewed.</p>
<h2>What should be recorded?</h2>
<p>The procedure report should state the imaging used, the levels treated, the approach, the
volume of cement injected and any leakage seen, together with the dose indicators displayed by
the equipment. Recording dose makes it possible to audit practice and to spot procedures where
the dose was unexpectedly high.</p>
""",
        "history": live(400, REVIEWER),
    },
    {
        "slug": BIOPSY,
        "title": "Should a bone biopsy be taken during vertebral augmentation?",
        "category": "interventional-radiology",
        "author": MEDICAL_AFFAIRS,
        "notice": "standard",
        "summary": (
            "A vertebral fracture in an older patient is usually osteoporotic, but not always. "
            "Taking a bone sample through the working cannula before cement is injected adds "
            "little time and can reveal an unsuspected tumour. When to biopsy, how to do it and "
            "how to handle the sample."
        ),
        "tags": [
            "bone biopsy",
            "vertebral augmentation",
            "interventional radiology",
            "osteoporotic fracture",
            "patient selection",
            "kyphoplasty vertebroplasty",
        ],
        "references": [
            ref(
                "Author H, Author J",
                "Unexpected malignancy in biopsies taken during vertebral augmentation",
                "Example Spine Review",
                2021,
                "demo.spine.2021.190",
            ),
            ref(
                "Author K",
                "Technique and diagnostic yield of transpedicular vertebral biopsy",
                "Example Radiology Practice",
                2019,
                "demo.rad.2019.057",
            ),
        ],
        "body": """
<h2>Why consider a biopsy at all?</h2>
<p>Most vertebral compression fractures in older adults are caused by osteoporosis. A small but
real proportion, however, are caused by metastatic disease, multiple myeloma or lymphoma that was
not suspected beforehand. MRI features help to separate benign from malignant fractures but are
not always conclusive. Because the working cannula is already in the vertebral body during
augmentation, a sample can be taken with little extra time or risk.</p>
<h2>Which patients should have a biopsy?</h2>
<ul>
<li>Patients with a known or previous cancer, even when the fracture looks osteoporotic.</li>
<li>Fractures with atypical features on MRI or CT: a convex posterior wall, involvement of the
pedicle, a soft-tissue mass or diffuse abnormal marrow signal.</li>
<li>Patients with unexplained weight loss, anaemia, raised inflammatory markers or an abnormal
protein electrophoresis.</li>
<li>Younger patients, or fractures at unusual levels such as the upper thoracic spine.</li>
</ul>
<p>Some teams biopsy every treated level as routine; others biopsy selectively. Either approach is
reasonable if it is applied consistently and the results are followed up.</p>
<h2>How is the sample taken?</h2>
<p>Once the cannula is in position, a bone biopsy needle is advanced through it into the
vertebral body, ideally into the area most abnormal on imaging, and one or more cores are taken
before any balloon inflation or cement injection. Aspirated material can be sent as well. After
the biopsy the procedure continues as planned. The sample must be taken before the cement,
because cement makes the bone impossible to assess.</p>
<h2>Does the biopsy add risk?</h2>
<p>Taken through a cannula that is already in place, a biopsy adds little risk. Bleeding from the
track is usually minor and is stopped by the cement that follows. The main pitfalls are sampling
error, when the needle misses the abnormal area, and a crushed or too small core that cannot be
assessed; taking more than one core reduces both.</p>
<h2>How should the sample be handled?</h2>
<ol>
<li>Label the specimen with the vertebral level and the side.</li>
<li>Place it in formalin for histology; send a separate sample in a sterile container for
microbiology if infection is possible.</li>
<li>Give the pathologist the clinical question, the imaging findings and any history of
cancer.</li>
</ol>
<h2>What happens with the result?</h2>
<p>The person who requested the procedure is responsible for reading the result and acting on it.
An unexpected diagnosis of malignancy needs prompt referral to oncology or haematology, and the
patient should hear the result from a clinician who can explain the next steps. A benign
result confirms the osteoporotic nature of the fracture and reinforces the need for bone health
treatment.</p>
""",
        "faq": [TUMOUR],
        "history": submitted(3),
    },
    {
        "slug": CVAD,
        "title": "PICC, tunnelled catheter or port: how do you choose a central venous access "
        "device?",
        "category": "vascular-access",
        "author": MEDICAL_AFFAIRS,
        "notice": "standard",
        "summary": (
            "The right venous access device depends on what will be infused, for how long and "
            "how often, and on the patient's veins and way of life. A comparison of peripherally "
            "inserted central catheters, tunnelled catheters and implanted ports, with the "
            "questions to ask before choosing."
        ),
        "tags": [
            "vascular access",
            "catheter care",
            "patient safety",
            "interventional radiology",
            "infection prevention",
        ],
        "references": [
            ref(
                "Author L, Author M, Author N",
                "Appropriateness criteria for central venous access devices: a consensus approach",
                "Example Journal of Vascular Access",
                2021,
                "demo.va.2021.012",
            ),
            ref(
                "Author P",
                "Complications of peripherally inserted central catheters and "
                "implanted ports in oncology",
                "Example Oncology Nursing Review",
                2020,
                "demo.oncnurs.2020.101",
            ),
        ],
        "body": """
<h2>Why does the choice of device matter?</h2>
<p>A central venous access device (CVAD) allows drugs that irritate peripheral veins, such as many
chemotherapy agents, parenteral nutrition or long courses of antibiotics, to be given safely into
a large central vein. Each device type has its own balance of convenience, risk of infection and
thrombosis, and cost. Choosing the device that fits the treatment plan from the outset avoids
repeated insertions and preserves the patient's veins.</p>
<h2>What are the main options?</h2>
<table>
<caption>Common central venous access devices</caption>
<thead><tr><th scope="col">Device</th><th scope="col">Typical duration</th>
<th scope="col">Strengths</th><th scope="col">Limitations</th></tr></thead>
<tbody>
<tr><td>Peripherally inserted central catheter (PICC)</td><td>Weeks to a few months</td>
<td>Bedside insertion under ultrasound; easy removal</td>
<td>External line needing weekly care; arm thrombosis</td></tr>
<tr><td>Tunnelled cuffed catheter</td><td>Months</td>
<td>Suitable for frequent access and high flow</td>
<td>External line; needs a procedure to remove</td></tr>
<tr><td>Implanted port</td><td>Months to years</td>
<td>Nothing outside the body when not in use; low infection risk</td>
<td>Needle access each time; surgical insertion and removal</td></tr>
</tbody>
</table>
<h2>Which questions should guide the choice?</h2>
<ul>
<li>What will be infused? Vesicant or irritant drugs and parenteral nutrition need central
access.</li>
<li>For how long, and how often? Intermittent treatment over many months favours a port;
continuous or daily treatment over a few weeks favours a PICC.</li>
<li>How many lumens are really needed? Each extra lumen adds risk of infection and
thrombosis.</li>
<li>What are the patient's veins, kidney function and clotting like? Patients who may need
dialysis should have their arm veins preserved.</li>
<li>How does the patient live? Swimming, work and body image can all weigh in favour of an
implanted port.</li>
</ul>
<h2>How are insertion risks reduced?</h2>
<p>Real-time ultrasound guidance for venepuncture, full sterile barrier precautions, skin
antisepsis with chlorhexidine in alcohol, and confirmation of the tip position near the
cavo-atrial junction are standard. Insertion by a trained vascular access team or in
interventional radiology is associated with fewer complications.</p>
<h2>What care does each device need?</h2>
<p>External lines such as PICCs and tunnelled catheters need their dressing and needle-free
connector changed regularly, usually every seven days or sooner if the dressing is loose, damp or
soiled, and are flushed between uses. Ports need no care between treatments apart from a
periodic flush, whose interval depends on local policy and the manufacturer's instructions for
use. Every access of any device starts with hand hygiene and scrubbing the hub.</p>
<h2>Who should be involved in the decision?</h2>
<p>The prescribing team, the vascular access team and the patient should decide together, and
the decision and its reasons should be recorded. A device that is no longer needed should be
removed promptly: the safest line is the one that is not there.</p>
""",
        "revisions": [{"faq": [PICC, PORT, ULTRASOUND]}],
        "history": live(180, REVIEWER3) + revision(130, REVIEWER3, FAQ_BLOCK),
    },
    {
        "slug": CRBSI,
        "title": "What prevents catheter-related bloodstream infections?",
        "category": "vascular-access",
        "author": "elif-yildirim",
        "notice": "standard",
        "summary": (
            "Bloodstream infections linked to central venous catheters are serious, costly and "
            "largely preventable. The measures that work are simple but must be applied every "
            "time: at insertion, at each access of the line and every day the catheter stays "
            "in. A checklist-style review for ward and vascular access teams."
        ),
        "tags": [
            "infection prevention",
            "catheter care",
            "vascular access",
            "patient safety",
            "interventional radiology",
        ],
        "references": [
            ref(
                "Author Q, Author R",
                "Care bundles for the prevention of central line-associated "
                "bloodstream infection: a review",
                "Example Infection Control Journal",
                2022,
                "demo.infctl.2022.026",
            ),
            ref(
                "Author S",
                "Chlorhexidine-impregnated dressings for central venous catheters",
                "Example Journal of Vascular Access",
                2020,
                "demo.va.2020.083",
            ),
            ref(
                "Author T, Author U",
                "Needle-free connectors and hub disinfection: practice and evidence",
                "Example Nursing Practice Review",
                2021,
                "demo.nursprac.2021.140",
            ),
        ],
        "body": """
<h2>How do catheters become infected?</h2>
<p>Micro-organisms reach a central venous catheter by two main routes. In the first days after
insertion, skin organisms migrate from the insertion site along the outer surface of the
catheter. Later, the inside of the catheter becomes the main route: organisms enter through the
hub and connectors each time the line is accessed, and form a biofilm on the inner surface.
Prevention must therefore address both the skin and every manipulation of the line.</p>
<h2>What matters at insertion?</h2>
<ul>
<li>Hand hygiene and full sterile barrier precautions: cap, mask, sterile gown and gloves, and a
large sterile drape.</li>
<li>Skin antisepsis with chlorhexidine in alcohol, allowed to dry completely.</li>
<li>Choice of site: avoiding the femoral vein in adults where possible.</li>
<li>Ultrasound guidance, which reduces the number of punctures.</li>
<li>The smallest number of lumens that the treatment needs.</li>
</ul>
<h2>What matters at every access of the line?</h2>
<p>Each time the catheter is used, the hub or needle-free connector should be scrubbed with an
antiseptic and allowed to dry before connection. Connectors and administration sets are changed
at the intervals set by local policy and the product's instructions for use, and immediately if
they are visibly soiled. Staff who access central lines should be trained and their practice
observed from time to time.</p>
<h2>What matters every day?</h2>
<ol>
<li>Inspect the insertion site and the dressing: a transparent dressing that is clean, dry and
intact lets the site be seen without disturbing it.</li>
<li>Change the dressing when due, or sooner if it is loose, damp or soiled; chlorhexidine
dressings can reduce infection in high-risk patients.</li>
<li>Ask every day whether the catheter is still needed, and remove it when it is not.</li>
</ol>
<h2>What should raise suspicion of infection?</h2>
<p>Fever or rigors, especially when they start while the line is being flushed or used, redness
or discharge at the exit site, or a patient who becomes unwell without another clear cause.
Blood cultures should be taken from the catheter and from a peripheral vein before antibiotics
are started, and the team should decide promptly whether the line can stay or must be
removed.</p>
<h2>How do care bundles help?</h2>
<p>A care bundle groups a small number of evidence-based measures and asks that all of them are
done, every time, with compliance recorded and fed back to the team. Units that use insertion
and maintenance bundles, with regular audit of their infection rates, have achieved large and
lasting reductions in bloodstream infections.</p>
""",
        "faq": [LINE_INFECTION],
        "history": scheduled(2, REVIEWER3, publish_in_days=10),
    },
    {
        "slug": WOUND,
        "title": "Moist wound healing: how do you select the right dressing?",
        "category": "wound-care",
        "author": "elif-yildirim",
        "notice": "general",
        "summary": (
            "Wounds heal best in a moist, clean, warm environment, and the dressing is the main "
            "tool for creating it. How to assess a wound, match the dressing to its exudate and "
            "tissue type, and recognise the signs that a wound is not healing as expected."
        ),
        "tags": [
            "wound care",
            "dressing selection",
            "infection prevention",
            "pressure injury",
            "patient safety",
        ],
        "references": [
            ref(
                "Author V, Author W",
                "Moist wound healing: principles and clinical application",
                "Example Journal of Wound Care Practice",
                2019,
                "demo.wound.2019.005",
            ),
            ref(
                "Author X",
                "A structured approach to wound assessment",
                "Example Tissue Viability Review",
                2022,
                "demo.tv.2022.071",
            ),
        ],
        "body": """
<h2>Why keep a wound moist?</h2>
<p>Cells that repair a wound migrate across a moist surface far more easily than under a dry
scab. A moist environment also supports the body's own removal of dead tissue, reduces pain at
dressing changes and keeps the wound bed at a temperature favourable to healing. Too much
moisture, however, damages the surrounding skin: the goal is balance, not wetness.</p>
<h2>How should a wound be assessed?</h2>
<p>A structured assessment at the first visit, repeated at regular intervals, records the cause of
the wound, its location and size, the tissue in the wound bed, the amount and nature of exudate,
the state of the wound edge and surrounding skin, signs of infection and the patient's pain.
Photographs and measurements make progress visible. Factors in the patient matter as much as
the wound: nutrition, diabetes, circulation, medicines and mobility.</p>
<h2>How is the dressing matched to the wound?</h2>
<table>
<caption>Dressing families by wound characteristics</caption>
<thead><tr><th scope="col">Wound</th><th scope="col">Aim</th>
<th scope="col">Dressing families often used</th></tr></thead>
<tbody>
<tr><td>Dry, sloughy</td><td>Add moisture, soften slough</td><td>Hydrogels, hydrocolloids</td></tr>
<tr><td>Low exudate, granulating</td><td>Protect, keep moist</td>
<td>Thin foams, hydrocolloids, films</td></tr>
<tr><td>Moderate to high exudate</td><td>Absorb, protect the edges</td>
<td>Foams, alginates, gelling fibres</td></tr>
<tr><td>Signs of local infection</td><td>Reduce bacterial load</td>
<td>Antimicrobial dressings for a limited period</td></tr>
</tbody>
</table>
<h2>What else makes a good dressing choice?</h2>
<ul>
<li>A size that overlaps the wound edge, without wrinkles.</li>
<li>An adhesive that suits fragile skin, or a non-adherent border.</li>
<li>A wear time that lets the wound rest between changes.</li>
<li>A dressing the patient or carer can manage if care continues at home.</li>
</ul>
<h2>How often should the dressing be changed?</h2>
<p>Modern dressings are designed to stay in place for several days. Changing them more often than
needed cools the wound bed, disturbs new tissue and adds cost. The interval depends on the
amount of exudate and on the product's instructions for use: a dressing is changed when it
approaches saturation, leaks, lifts at the edges, or when the wound must be inspected because the
patient's condition has changed. Each change is an opportunity to reassess and record progress.</p>
<h2>When is a wound not healing as expected?</h2>
<p>A wound that has not reduced noticeably in size after two to four weeks of appropriate care
should be reassessed. Possible reasons include infection, poor blood supply, unrelieved pressure,
uncontrolled diabetes, malnutrition, or an unusual cause such as a skin cancer. Referral to a
tissue viability or vascular team should not be delayed.</p>
<h2>How is infection recognised?</h2>
<p>Increasing pain, redness spreading from the edge, warmth, swelling, a change in the amount or
smell of exudate and friable granulation tissue suggest local infection. Fever or a patient who
is generally unwell suggests spread and needs urgent medical review. Swabs are useful when they
will guide treatment, taken after cleansing the wound.</p>
""",
        "revisions": [{"faq": [WOUND_INFECTION, FOAM_OR_ALGINATE]}],
        "history": live(60, REVIEWER3) + revision(45, REVIEWER3, FAQ_BLOCK),
    },
    {
        "slug": PRESSURE,
        "title": "Pressure injuries: how are they staged and prevented?",
        "category": "wound-care",
        "author": MEDICAL_AFFAIRS,
        "notice": "general",
        "summary": (
            "Pressure injuries develop quickly in patients who cannot move, including older "
            "people confined to bed after a painful spinal fracture, and most are preventable. "
            "How to assess risk, recognise the stages, and organise prevention across a team."
        ),
        "tags": [
            "pressure injury",
            "wound care",
            "patient safety",
            "rehabilitation",
            "spine care",
            "dressing selection",
        ],
        "references": [
            ref(
                "Author Y, Author Z",
                "Risk assessment and repositioning for the prevention of pressure injuries",
                "Example Tissue Viability Review",
                2021,
                "demo.tv.2021.019",
            ),
        ],
        "body": """
<h2>What is a pressure injury?</h2>
<p>A pressure injury is localised damage to the skin and underlying tissue, usually over a bony
prominence such as the sacrum, heels or hips, caused by pressure or by pressure combined with
shear. It can also develop under medical devices such as braces, oxygen tubing or catheters.
Tissue damage can begin within a few hours in a patient who cannot change position, and may
start in deep tissue before anything is visible on the skin.</p>
<h2>Who is at risk?</h2>
<p>Risk is highest in people who cannot move themselves: older adults after a fracture, patients
in intensive care, people with spinal cord injury or under sedation. Poor nutrition, incontinence,
diabetes, poor circulation and reduced sensation add to the risk. Patients immobilised by the
pain of a vertebral fracture are a group that is easily overlooked.</p>
<h2>How are pressure injuries staged?</h2>
<table>
<caption>Stages of pressure injury (simplified)</caption>
<thead><tr><th scope="col">Stage</th><th scope="col">What is seen</th></tr></thead>
<tbody>
<tr><td>1</td><td>Intact skin with redness that does not blanch when pressed</td></tr>
<tr><td>2</td><td>Partial-thickness skin loss; a shallow open wound or intact blister</td></tr>
<tr><td>3</td><td>Full-thickness skin loss; fat may be visible</td></tr>
<tr><td>4</td><td>Full-thickness tissue loss with exposed muscle, tendon or bone</td></tr>
<tr><td>Unstageable</td><td>The base is hidden by slough or eschar</td></tr>
<tr><td>Deep tissue</td><td>Persistent deep red, maroon or purple discolouration</td></tr>
</tbody>
</table>
<h2>How can they be prevented?</h2>
<ul>
<li>Assess risk on admission with a structured tool and clinical judgement, and reassess when the
patient's condition changes.</li>
<li>Inspect the skin at least daily, including under devices.</li>
<li>Reposition regularly, with a schedule adapted to the patient and the support surface.</li>
<li>Use pressure-redistributing mattresses and cushions, and offload the heels.</li>
<li>Keep the skin clean and protected from moisture, and optimise nutrition and hydration.</li>
<li>Mobilise early: good pain control after a fracture is also pressure injury prevention.</li>
</ul>
<h2>How are existing pressure injuries managed?</h2>
<p>The first step is to remove or reduce the pressure that caused the injury, otherwise no
dressing will help. The wound is then assessed and managed like any other chronic wound:
cleansing, removal of dead tissue where appropriate, a dressing matched to the wound and its
exudate, and attention to pain, nutrition and infection. Stage 3 and 4 injuries and those that
do not improve should be referred to a tissue viability specialist, and some need surgical
assessment.</p>
<h2>What is the role of the team?</h2>
<p>Prevention works when everyone owns it: nurses and care assistants who reposition and inspect,
physiotherapists who mobilise, dietitians who address nutrition, and physicians who treat pain so
that the patient can move. Every pressure injury that develops in hospital should be reviewed to
learn what could have been done differently.</p>
""",
        "revisions": [{"faq": [REPOSITIONING]}],
        "history": written(2) + [Step(1, 11, "write")],
    },
]

ENTRIES = [
    {
        "slug": PAIN_RELIEF,
        "question": "How soon after vertebral augmentation does pain usually improve?",
        "category": "vertebral-augmentation",
        "order": 1,
        "tags": ["vertebral augmentation", "kyphoplasty vertebroplasty", "pain management"],
        "answer": """
<p>In patients selected well, many notice less pain within the first one to three days, once the
cement has stabilised the fracture and the soreness from the needle entry settles. Some
improvement may continue over the following weeks. Pain that does not improve at all should
prompt a review of the diagnosis: the pain may come from another level or another structure,
or a new fracture may have occurred.</p>
""",
        "history": live(420, REVIEWER2),
    },
    {
        "slug": SEVERAL_LEVELS,
        "question": "Can more than one vertebra be treated in the same session?",
        "category": "vertebral-augmentation",
        "order": 2,
        "tags": ["vertebral augmentation", "cement augmentation", "patient selection"],
        "answer": """
<p>Yes. Two or three painful, recent fractures are often treated in one session. The number of
levels is limited by the total cement volume, the time the patient can lie prone and the
radiation dose. Each level treated should match the patient's symptoms and show signs of a
recent fracture on MRI; treating healed or painless levels adds risk without benefit.</p>
""",
        "history": live(400, REVIEWER),
    },
    {
        "slug": ANAESTHESIA,
        "question": "Is vertebral augmentation done under general anaesthesia?",
        "category": "vertebral-augmentation",
        "order": 3,
        "tags": ["vertebral augmentation", "kyphoplasty vertebroplasty", "patient safety"],
        "answer": """
<p>Either approach is used. Many procedures are done under local anaesthesia with conscious
sedation, which suits frail patients and allows them to report new symptoms during the
procedure. General anaesthesia may be preferred for several levels, for patients who cannot lie
still in the prone position, or by local custom. The choice is made with the anaesthetist.</p>
""",
        "history": live(300, REVIEWER),
    },
    {
        "slug": HOSPITAL_STAY,
        "question": "How long do patients stay in hospital after kyphoplasty or vertebroplasty?",
        "category": "vertebral-augmentation",
        "order": 4,
        "tags": ["kyphoplasty vertebroplasty", "vertebral augmentation", "spine care"],
        "answer": """
<p>Patients who come from home are often discharged on the same day or the next morning, after a
period of bed rest while the cement hardens and a check that they can walk safely. Patients
already in hospital because of their fracture usually stay until they are mobile enough to
return home or to a rehabilitation setting.</p>
""",
        "history": live(250, REVIEWER2),
    },
    {
        "slug": CEMENT_LEAKAGE,
        "question": "Does cement leakage always cause symptoms?",
        "category": "vertebral-augmentation",
        "order": 5,
        "tags": ["cement augmentation", "patient safety", "vertebral augmentation"],
        "answer": """
<p>No. Small leaks into the disc, the paravertebral tissue or small veins are common on
post-procedure CT and most cause no symptoms. Leakage into the spinal canal or a neural
foramen, or a large embolus to the lungs, can cause serious symptoms and needs prompt
assessment. That is why injection is watched continuously and stopped early when cement goes
where it should not.</p>
""",
        "history": live(265, REVIEWER),
    },
    {
        "slug": TUMOUR,
        "question": "Can a fracture caused by a tumour be treated with vertebral augmentation?",
        "category": "vertebral-augmentation",
        "order": 6,
        "tags": ["vertebral augmentation", "bone biopsy", "pain management"],
        "answer": """
<p>Often, yes. Painful fractures caused by metastases or myeloma can be stabilised with cement,
usually as part of a plan agreed with oncology that may include radiotherapy or systemic
treatment. These fractures need careful imaging of the posterior wall and often a biopsy, as the
risk of cement leakage into the canal is higher when the tumour has destroyed bone.</p>
""",
        "history": submitted(4),
    },
    {
        "slug": FURTHER_FRACTURES,
        "question": "Does a vertebral fracture increase the risk of further fractures?",
        "category": "bone-health",
        "order": 1,
        "tags": ["osteoporotic fracture", "osteoporosis support", "vertebral fracture"],
        "answer": """
<p>Yes, markedly. A patient with one osteoporotic vertebral fracture has several times the risk of
another vertebral fracture, and a higher risk of hip fracture, compared with someone of the same
age without one. The risk is greatest in the first year or two, which is why assessment and
treatment of osteoporosis should start without delay.</p>
""",
        "history": live(480, REVIEWER2),
    },
    {
        "slug": OSTEOPOROSIS_TREATMENT,
        "question": "Should osteoporosis treatment start after vertebral augmentation?",
        "category": "bone-health",
        "order": 2,
        "tags": ["osteoporosis support", "vertebral augmentation", "osteoporotic fracture"],
        "answer": """
<p>Yes, where it is indicated. Augmentation treats the painful fracture but not the bone disease
that caused it. Patients should have a bone health assessment and, in most cases, start
treatment for osteoporosis. The procedure is not a reason to delay it, and the team that
treats the fracture should make sure someone takes responsibility for it.</p>
""",
        "history": live(320, REVIEWER2),
    },
    {
        "slug": LIAISON,
        "question": "What is a fracture liaison service?",
        "category": "bone-health",
        "order": 3,
        "tags": ["osteoporosis support", "osteoporotic fracture", "fall prevention"],
        "answer": """
<p>A fracture liaison service is a team, usually coordinated by a specialist nurse, that finds
patients who have had a fragility fracture, arranges their bone health and falls assessment,
recommends or starts treatment and follows them up. It closes the gap between fracture care and
osteoporosis care.</p>
""",
        "history": live(310, REVIEWER),
    },
    {
        "slug": EXERCISES,
        "question": "Which exercises are safe after a vertebral fracture?",
        "category": "bone-health",
        "order": 4,
        "tags": ["rehabilitation", "fall prevention", "spine care"],
        "answer": """
<p>Walking, balance training, strengthening of the back extensors in a neutral spine and
progressive leg strengthening are generally recommended, guided by a physiotherapist. Repeated
forward bending, sit-ups, twisting under load and heavy lifting with a rounded back are best
avoided. Exercise should be increased gradually and should not provoke sharp pain.</p>
""",
        "history": live(225, REVIEWER2),
    },
    {
        "slug": PICC,
        "question": "How long can a PICC stay in place?",
        "category": "vascular-access",
        "order": 1,
        "tags": ["vascular access", "catheter care"],
        "answer": """
<p>A PICC can stay in place for weeks to several months as long as it works, shows no sign of
infection or thrombosis and is still needed. There is no routine replacement interval. It should
be removed as soon as treatment ends, because every day a line stays in carries some risk.</p>
""",
        "history": live(175, REVIEWER3),
    },
    {
        "slug": PORT,
        "question": "How often should a port be flushed when it is not in use?",
        "category": "vascular-access",
        "order": 2,
        "tags": ["vascular access", "catheter care", "patient safety"],
        "answer": """
<p>Intervals vary between institutions and products, commonly from every four weeks to every
three months between treatment cycles. Follow local policy and the instructions for use of the
port. Each access uses a non-coring needle, strict asepsis and a pulsatile flush with saline.</p>
""",
        "history": live(170, REVIEWER3),
    },
    {
        "slug": LINE_INFECTION,
        "question": "What should be done if a catheter is suspected of being infected?",
        "category": "vascular-access",
        "order": 3,
        "tags": ["infection prevention", "catheter care", "vascular access"],
        "answer": """
<p>Take paired blood cultures, from the catheter and from a peripheral vein, before starting
antibiotics, inspect the exit site and inform the responsible team. Whether the catheter can be
kept depends on the organism, the type of device and how unwell the patient is; a line that is no
longer needed should simply be removed.</p>
""",
        "history": live(150, REVIEWER),
    },
    {
        "slug": ULTRASOUND,
        "question": "Why is ultrasound guidance used for venous access?",
        "category": "vascular-access",
        "order": 4,
        "tags": ["vascular access", "image guidance", "patient safety"],
        "answer": """
<p>Real-time ultrasound shows the vein, its size and patency and the nearby artery and nerve, so
the vein can be punctured at the first attempt more often and arterial puncture and other
complications are less frequent. It also helps choose a vein large enough for the catheter.</p>
""",
        "history": live(140, REVIEWER3),
    },
    {
        "slug": WOUND_INFECTION,
        "question": "How do you tell if a wound is infected?",
        "category": "wound-care",
        "order": 1,
        "tags": ["wound care", "infection prevention"],
        "answer": """
<p>Look for increasing pain, spreading redness, warmth, swelling, more or smellier exudate,
friable granulation tissue and a wound that stops improving. Fever or a patient who feels
generally unwell suggests the infection is spreading and needs urgent medical review.</p>
""",
        "history": live(55, REVIEWER3),
    },
    {
        "slug": FOAM_OR_ALGINATE,
        "question": "What is the difference between a foam and an alginate dressing?",
        "category": "wound-care",
        "order": 2,
        "tags": ["wound care", "dressing selection"],
        "answer": """
<p>Foams are absorbent, cushioning dressings for low to high exudate that keep the wound moist
and protect it. Alginates, made from seaweed fibres, form a gel as they absorb fluid, can be
packed loosely into cavities and suit moderate to heavy exudate; they usually need a secondary
dressing on top. Neither suits a dry wound.</p>
""",
        "history": live(50, REVIEWER3),
    },
    {
        "slug": REPOSITIONING,
        "question": "How often should a bed-bound patient be repositioned?",
        "category": "wound-care",
        "order": 3,
        "tags": ["pressure injury", "wound care", "patient safety"],
        "answer": """
<p>There is no single interval for everyone. The schedule depends on the patient's risk, the
condition of their skin and the support surface they lie on. Many units start with every two to
four hours and adjust according to regular skin inspection.</p>
""",
        "history": written(1),
    },
]
