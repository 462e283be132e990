"""
The Turkish demo content: categories, and translations of English items written in Turkish
for Turkish clinicians.

Each translation names its English item (`source`: its address, site page kind or notice
name). Its history starts with "translate" (services.translate: a Turkish draft holding the
English text, with the Turkish category, notice and FAQ entries in place of the English ones);
its first "write" replaces that text with the one here, and its address with the one the admin
prefills from the Turkish title. References are those of the source, in their own language.

The kyphoplasty article is translated before its English source got the section on
anticoagulants: its admin page shows "source changed since translation".
"""

from . import english as en
from .history import REVIEWER, REVIEWER2, REVIEWER3, SITE_ADMIN, TURKISH_REGULATORY, translated

# Made by a site administrator; the slug comes from the name, as the admin prefills it.
CATEGORIES = [
    {
        "source": "pain-management-spine",
        "name": "Ağrı Yönetimi ve Omurga (Algoloji)",
        "description": (
            "Vertebral kompresyon kırıkları, vertebral augmentasyon (kifoplasti ve "
            "vertebroplasti) ve omurga kaynaklı ağrının tedavisi."
        ),
    },
    {
        "source": "bone-health-osteoporosis",
        "name": "Kemik Sağlığı ve Osteoporoz",
        "description": "Frajilite kırığından sonra osteoporoz bakımı, düşmeler ve rehabilitasyon.",
    },
    {
        "source": "vascular-access",
        "name": "Damar Erişimi",
        "description": "Santral venöz erişim cihazları: seçimi, yerleştirilmesi ve bakımı.",
    },
]

FAQ_CATEGORIES = [
    {
        "source": "vertebral-augmentation",
        "name": "Vertebral augmentasyon",
        "description": "Klinisyenlerin kifoplasti ve vertebroplasti hakkında sorduğu sorular.",
    },
    {
        "source": "bone-health",
        "name": "Kemik sağlığı",
        "description": "Osteoporoz, kırık riski ve iyileşme süreci.",
    },
    {
        "source": "vascular-access",
        "name": "Damar erişimi",
        "description": "Santral venöz erişim cihazlarının seçimi ve bakımı.",
    },
]


def regulatory(days_ago):
    """Translated by the site administrator, signed off by the Medical Affairs lead."""
    return translated(days_ago, REVIEWER, TURKISH_REGULATORY, translator=SITE_ADMIN)


# Keyed by the English notice they translate; in place before any Turkish article.
NOTICES = {
    "standard": {
        "name": "Standart düzenleyici bilgilendirme",
        "heading": "Düzenleyici bilgilendirme",
        "is_default": True,
        "text": (
            "<p>Burada sözü edilen cihazların bulunabilirliği ve onaylı endikasyonları ülkeden "
            "ülkeye değişir. Bazı ürünler çalıştığınız ülkede kayıtlı olmayabilir. Ülkenizde "
            "hangi ürünlerin ve endikasyonların geçerli olduğunu INVAMED'e ya da yetkili yerel "
            "distribütörüne danışın.</p>"
        ),
        "history": regulatory(320),
    },
    "general": {
        "name": "Genel klinik uygulama (ürün adı geçmeyen)",
        "heading": "Bu makale hakkında",
        "text": (
            "<p>Bu makale genel klinik uygulamayı anlatır ve belirli bir cihazın tanıtımını "
            "yapmaz. Bir ürün kullanıldığında ürünün kullanım talimatlarına ve ülkenizde geçerli "
            "düzenleyici duruma uyun.</p>"
        ),
        "history": regulatory(320),
    },
    "disclaimer": {
        "name": "Hedef kitle uyarısı",
        "heading": "Sağlık meslek mensupları için",
        "is_default": True,
        "text": (
            "<p>Bu içerik eğitim amaçlıdır ve sağlık meslek mensupları için yazılmıştır. Tıbbi "
            "tavsiye değildir; klinik değerlendirmenin, güncel klinik kılavuzların ya da "
            "herhangi bir ürünün kullanım talimatlarının yerini tutmaz. Hastalar kendi "
            "tedavilerini kendi hekimleriyle konuşmalıdır.</p>"
        ),
        "history": regulatory(320),
    },
}

SITE_PAGES = [
    {
        "source": "editorial-policy",
        "title": "Yayın ilkeleri",
        "summary": (
            "INVAblog makalelerinin ve SSS yanıtlarının nasıl yazıldığı, tıbbi açıdan nasıl "
            "incelendiği, nasıl tarihlendiği ve nasıl düzeltildiği."
        ),
        "body": """
<h2>İçeriklerimizi kim yazıyor?</h2>
<p>Makaleler ve SSS yanıtları INVAMED'in klinik eğitim uzmanları ve tıbbi yazarları ya da bir
bütün olarak Medikal İşler ekibi tarafından yazılır. Her sayfanın başındaki yazar bilgisi,
metni yazan kişiyi ya da ekibi gösterir. Yazarlar metinlerini klinik kılavuzlara, hakemli
literatüre ve ilgili cihazların kullanım talimatlarına dayandırır; başlıca kaynakları numaralı
kaynakça olarak verir.</p>
<h2>İçerik nasıl inceleniyor?</h2>
<p>Tıbbi hiçbir içerik, Medikal İşler ekibinden biri incelemeden yayımlanmaz. İncelemeyi
yapan, incelenen sürümü yazmamış ve değiştirmemiş bir hekim ya da uzman hemşiredir ("dört göz"
ilkesi). İncelemeci klinik doğruluğu, dengeyi, kaynakları ve ürünlerin onaylı
endikasyonlarıyla uyumu denetler, ardından tam olarak o sürümü elektronik imzasıyla onaylar.
Onaydan sonra yapılan her değişiklik, ne kadar küçük olursa olsun, ziyaretçilerin karşısına
çıkmadan önce yeniden incelenir.</p>
<p>Çeviriler de aynı biçimde, kendi başına bir içerik olarak incelenir: çevirinin dilini okuyan
bir incelemeci metni özgün metinle karşılaştırır ve çevrilmiş metni ayrıca onaylar.</p>
<h2>Tarihler ne anlama geliyor?</h2>
<ul>
<li><strong>Son inceleme</strong>, bir incelemecinin okuduğunuz sürümü onayladığı ya da sonradan
hâlâ güncel olduğunu teyit ettiği tarihtir. Hiçbir zaman yalnızca bir kaydetme işleminin tarihi
değildir.</li>
<li><strong>Sonraki inceleme</strong>, içeriğin yeniden denetlenmesi gereken tarihtir; olağan
olarak son incelemeden on iki ay sonradır. Bu tarihi geçen içerik incelemecilere
bildirilir.</li>
<li><strong>Güncellendi</strong> ibaresi, ilk yayımlanan sürümün yerini incelenmiş daha yeni bir
sürüm aldığında görünür ve o sürümün yayına girdiği tarihi gösterir.</li>
</ul>
<h2>Hatalar nasıl düzeltiliyor?</h2>
<p>Bu sitedeki bir bilginin yanlış ya da güncelliğini yitirmiş olduğunu düşünüyorsanız lütfen
INVAMED Medikal İşler ile iletişime geçin. Bildirilen her hatayı bir incelemeci değerlendirir;
düzeltme de diğer tüm değişiklikler gibi incelemeden geçer ve sayfada yeni inceleme tarihi
görünür. Her sürüm ve her inceleme kararı bir denetim kaydında saklanır.</p>
<h2>Bağımsızlık ve kapsam</h2>
<p>INVAblog bir tıbbi cihaz üreticisi tarafından yayımlanmaktadır. Makalelerimiz eğitim
amaçlıdır ve sağlık meslek mensupları için yazılmıştır; hastalara yönelik tıbbi tavsiye
değildir, klinik kılavuzların ya da herhangi bir ürünün kullanım talimatlarının yerini
tutmaz.</p>
""",
        "history": regulatory(318),
    },
    {
        "source": "privacy",
        "title": "Gizlilik bildirimi",
        "summary": (
            "Bu sitenin okurları ve çalışanları hakkında neleri, neden ve ne kadar süreyle "
            "kaydettiği; haklarınızı nasıl kullanabileceğiniz."
        ),
        "body": """
<h2>Verilerinizden kim sorumlu?</h2>
<p>Bu site, burada anlatılan kişisel verilerin veri sorumlusu olan INVAMED tarafından
işletilmektedir. Bu bildirimle ilgili sorularınızı privacy@invamed.example adresinden veri
koruma sorumlumuza iletebilirsiniz.</p>
<h2>Siteyi okurken neler kaydediliyor?</h2>
<p>INVAblog'u ve SSS sayfalarını okumak için hesap gerekmez; herkese açık sayfalar reklam ya da
izleme amaçlı çerez kullanmaz. Her web sunucusu gibi bizimki de gelen isteklerin teknik
kayıtlarını tutar: istenen sayfa, zaman, tarayıcının kendisi hakkında verdiği bilgi ve isteğin
geldiği internet adresi. Bu kayıtları yalnızca sitenin çalışır ve güvenli kalması için, örneğin
bir arızayı bulmak ya da bir saldırıyı engellemek amacıyla kullanır ve 30 gün sonra
sileriz.</p>
<h2>Editörler ve incelemeciler hakkında neler kaydediliyor?</h2>
<p>İçerik yazmak ya da incelemek için oturum açan çalışanların adını, iş e-posta adresini ve
rolünü içeren bir hesabı vardır. Kaydettikleri her sürüm ve verdikleri her inceleme kararı,
adları ve zamanıyla birlikte kayda geçer; incelemecinin onayı herkese açık sayfada gösterilir.
Bu kayıt, tıbbi bilgilere ilişkin kalite sistemimizin bir parçasıdır: ilgili içerik yayında
kaldığı sürece, sonrasında da düzenleyici yükümlülüklerimizin gerektirdiği süre boyunca
saklanır.</p>
<h2>Bu verileri hangi hukuki sebeplerle işliyoruz?</h2>
<p>Teknik kayıtlar, güvenli ve çalışan bir siteye ilişkin meşru menfaatimize dayanılarak
tutulur. Çalışanlara ilişkin kayıtlar, tıbbi bilgilere dair yasal ve düzenleyici
yükümlülüklerimizi yerine getirmek, çalışanlarımız için de iş sözleşmesini ifa etmek amacıyla
gereklidir.</p>
<h2>Veriler başka kimlerle paylaşılıyor?</h2>
<p>Kişisel verileri satmıyor, pazarlama amacıyla paylaşmıyoruz. Siteyi ve yedeklerini
barındıran şirketler verileri sözleşmeye dayanarak, yalnızca bizim adımıza ve talimatlarımız
doğrultusunda işler.</p>
<h2>Haklarınız nelerdir?</h2>
<p>Uygulanacak mevzuatın (Türkiye'de 6698 sayılı Kişisel Verilerin Korunması Kanunu) sınırları
içinde, hakkınızda tuttuğumuz kişisel verilere erişmeyi, bunların düzeltilmesini ya da
silinmesini isteyebilir veya işlenmelerine itiraz edebilirsiniz. Bunun için
privacy@invamed.example adresine yazın. Ülkenizdeki veri koruma otoritesine şikâyette de
bulunabilirsiniz.</p>
""",
        "history": regulatory(318),
    },
    {
        "source": "legal",
        "title": "Yasal uyarı",
        "summary": (
            "Bu siteyi kimin yayımladığı, içeriğinin hangi koşullarla kullanılabileceği ve "
            "sorumluluğumuzun sınırları."
        ),
        "body": """
<h2>Bu siteyi kim yayımlıyor?</h2>
<p>INVAblog ve INVAMED SSS sayfaları, Ankara merkezli bir tıbbi cihaz üreticisi olan INVAMED
tarafından yayımlanmaktadır. İçerikten INVAMED Medikal İşler sorumludur.</p>
<h2>İçerik ne amaçla sunuluyor?</h2>
<p>Makaleler ve yanıtlar, sağlık meslek mensuplarına yönelik eğitim amaçlı bilgilerdir. Tıbbi
tavsiye değildir, klinik değerlendirmenin ya da klinik kılavuzların yerini tutmaz ve bir ürünün
kayıtlı olmadığı bir ülkede o ürün için teklif ya da reklam niteliği taşımaz. Bir cihazı
kullanırken her zaman kullanım talimatlarına uyun.</p>
<h2>İçeriği yeniden kullanabilir miyim?</h2>
<p>Metinler telif hakkıyla korunmaktadır. Bir sayfayı kaynağı ve inceleme tarihiyle birlikte
kendi mesleki kullanımınız ya da eğitim amacıyla yazdırabilir veya kaydedebilirsiniz. Bunun
dışındaki her türlü çoğaltma için yazılı iznimiz gerekir. Kaynakçada anılan eserlerin hakları
yazarlarına ve yayıncılarına aittir.</p>
<h2>Başka sitelere verilen bağlantılardan sorumlu musunuz?</h2>
<p>Kaynakların yayıncıları gibi başka web sitelerine verilen bağlantılar kolaylık sağlamak
içindir. Bu siteleri denetlemiyoruz ve içeriklerinden sorumlu değiliz.</p>
<h2>Advers olayları burada bildirebilir miyim?</h2>
<p>Hayır: bu site advers olayların ya da ürün şikâyetlerinin bildirim kanalı değildir. Bunları
iletişim sayfasında anlatıldığı gibi INVAMED'in vijilans ekibine ya da mevzuatın gerektirdiği
şekilde ülkenizde tıbbi cihazlardan sorumlu otoriteye (Türkiye'de Türkiye İlaç ve Tıbbi Cihaz
Kurumu, TİTCK) bildirin.</p>
<h2>Hangi hukuk uygulanır?</h2>
<p>Bu bildirim ve sitenin kullanımı Türkiye Cumhuriyeti hukukuna tabidir.</p>
""",
        "history": regulatory(318),
    },
    {
        "source": "contact",
        "title": "Medikal İşler ile iletişim",
        "summary": (
            "Tıbbi bir soru, bir düzeltme ya da bir ürünle ilgili bildirim için INVAMED Medikal "
            "İşler'e nasıl ulaşabileceğiniz."
        ),
        "body": """
<h2>Tıbbi ve bilimsel sorular</h2>
<p>Sağlık meslek mensupları, bu sitenin içeriğine ya da INVAMED ürünlerinin klinik kullanımına
ilişkin sorularını medical.affairs@invamed.example adresinden Medikal İşler'e iletebilir.
Soruları ekipteki bir hekim ya da uzman hemşire, genellikle beş iş günü içinde yanıtlar. Tek
tek hastaların tedavisi konusunda görüş veremeyiz.</p>
<h2>Hata bildirimi</h2>
<p>Bir sayfadaki bilginin yanlış ya da güncelliğini yitirmiş olduğunu düşünüyorsanız aynı
adrese, sayfanın adını belirterek yazın. Her bildirimi bir incelemeci değerlendirir; düzeltmeler
de yayın ilkelerimizde anlatıldığı gibi diğer tüm değişikliklerle aynı incelemeden geçer.</p>
<h2>Advers olaylar ve ürün şikâyetleri</h2>
<p>Şüphelenilen bir advers olayı ya da ürün şikâyetini, ürünün adı, lot numarası ve olanların
kısa bir açıklamasıyla birlikte, en kısa sürede vigilance@invamed.example adresinden vijilans
ekibimize bildirin. Olayı ülkenizde tıbbi cihazlardan sorumlu otoriteye de
bildirebilirsiniz.</p>
<h2>Ürünler, bulunabilirlik ve siparişler</h2>
<p>Ülkenizde bulunan ürünler, fiyatlar ve siparişler için INVAMED satış ofisiyle ya da yetkili
yerel distribütörüyle iletişime geçin.</p>
<h2>Hastalar</h2>
<p>Hastaysanız tedaviniz hakkında lütfen kendi hekiminizle konuşun: Medikal İşler bireysel
tedaviye ilişkin soruları yanıtlayamaz.</p>
""",
        "history": regulatory(318),
    },
]

ARTICLES = [
    {
        "source": en.VCF,
        "title": "Vertebral kompresyon kırıkları: klinisyenlerin bilmesi gerekenler",
        "summary": (
            "Vertebral kompresyon kırıkları en sık görülen frajilite kırığıdır, ancak birçoğu "
            "hiç tanı almaz. Bu yazıda kırıkların nasıl ortaya çıktığı, görüntülemeyle nasıl "
            "doğrulandığı, ilk haftalarda ağrı ve işlevselliğin nasıl yönetildiği ve her kırığın "
            "neden kemik sağlığını konuşmak için bir fırsat olduğu ele alınıyor."
        ),
        "tags": [
            "vertebral augmentasyon",
            "osteoporotik kırık",
            "omurga sağlığı",
            "osteoporoz",
            "omurga kırığı",
            "ağrı yönetimi",
        ],
        "body": """
<h2>Vertebral kompresyon kırığı nedir?</h2>
<p>Vertebral kompresyon kırığı (VKK), omur cisminin çoğunlukla ön bölümünden çökmesidir ve omura
kama biçimi verir. Yaşlı erişkinlerde bu kırıkların çoğu osteoporoza bağlıdır ve çok hafif bir
travmayla, hatta travma olmadan ortaya çıkar: bir alışveriş torbasını kaldırmak, ayakkabısını
bağlamak için eğilmek ya da öksürmek yetebilir. Daha seyrek olarak neden, metastatik hastalık
ya da multipl miyelom gibi bir tümör veya genç hastalarda yüksek enerjili travmadır.</p>
<h2>Neden bu kadar çok kırık gözden kaçıyor?</h2>
<p>Vertebral kırıkların ancak üçte biri kadarı klinik olarak fark edilir [[ref:1]]. Sırt ağrısı
yaşlı
hastalarda sıktır ve kolayca dejeneratif hastalığa bağlanır; bazı kırıklar ise neredeyse hiç
ağrı yapmaz. Görüntüleme istemeyi düşündürmesi gereken ipuçları şunlardır: hafif bir travmanın
ardından aniden başlayan sırt ağrısı, ayakta artıp yatınca hafifleyen ağrı, birkaç santimetreyi
aşan boy kaybı ve yeni ortaya çıkan ya da giderek artan torakal kifoz.</p>
<h2>Tanı nasıl doğrulanır?</h2>
<p>Lateral düz grafiler kırıkların çoğunu gösterir ve omur yüksekliğindeki kayba göre
derecelendirilmelerini sağlar. Kırığın yaşı önem taşıdığında, örneğin bir girişim
planlanıyorsa, seçilecek inceleme manyetik rezonans görüntülemedir (MRG): STIR ya da yağ
baskılı T2 ağırlıklı görüntülerde kemik iliği ödemi, yeni ya da henüz iyileşmemiş bir kırığa
işaret eder [[ref:3]]. BT arka duvarın değerlendirilmesine ve tedavinin planlanmasına yardımcı
olur; MRG
yapılamıyorsa kemik sintigrafisi bir seçenektir.</p>
<table>
<caption>Görüntüleme yöntemleri bir bakışta</caption>
<thead><tr><th scope="col">İnceleme</th><th scope="col">Başlıca kullanım amacı</th></tr></thead>
<tbody>
<tr><td>Lateral grafi</td><td>Kırığın saptanması ve derecelendirilmesi</td></tr>
<tr><td>MRG (STIR)</td><td>Kırığın yaşı, diğer nedenler, nöral bası</td></tr>
<tr><td>BT</td><td>Arka duvar, kırık hatları, girişimin planlanması</td></tr>
</tbody>
</table>
<h2>İlk basamak tedavi neleri kapsar?</h2>
<p>Hastaların çoğu önce konservatif olarak tedavi edilir: yaşa ve böbrek işlevlerine göre
ayarlanmış analjezi, kısa bir göreli istirahatin ardından erken mobilizasyon ve fizyoterapi
[[ref:2]].
Bazı ekipler hastanın rahatı için korse de kullanır. Amaç hastayı hareketli tutmaktır; çünkü yaşlı
erişkinlerde hareketsizlik hızla kondisyon kaybına, pnömoniye, tromboza ve bağımsızlığın
yitirilmesine yol açar [[ref:2]]. Nörolojik defisit, ateş ya da kanser öyküsü gibi alarm bulguları
vakit kaybetmeden ileri inceleme yapılmasını gerektirir.</p>
<h2>Vertebral augmentasyon ne zaman düşünülür?</h2>
<p>Vertebroplasti ya da balon kifoplasti ile vertebral augmentasyon; yeterli konservatif
tedaviye karşın ağrısı şiddetini koruyan, MRG'de kırığın yeni olduğu doğrulanan ve ağrısı kırık
düzeyiyle açıkça örtüşen hastalarda düşünülür. Kararı en iyi multidisipliner bir ekip verir;
seçenekler hastayla açıkça konuşulmalıdır.</p>
<h2>Her kırık kemik sağlığı açısından neden önemlidir?</h2>
<p>İlk vertebral kırık, hem omurgada hem kalçada yeni kırık riskini kat kat artırır. Bu nedenle
frajilite kırığı geçiren her hastada kemik mineral yoğunluğu ve düşme riski değerlendirilmeli,
endikasyonu varsa osteoporoz tedavisi önerilmelidir. Kemiği tedavi etmeden yalnızca kırığı
tedavi etmek, altta yatan hastalığı olduğu yerde bırakır.</p>
""",
        "history": translated(270, REVIEWER2),
    },
    {
        "source": en.KYPHO,
        "title": "Kifoplasti ve vertebroplasti: iki işlem arasındaki farklar nelerdir?",
        "summary": (
            "Her iki işlem de ağrılı kırık omuru bir iğneden verilen kemik çimentosuyla "
            "stabilize eder; ancak boşluğun nasıl hazırlandığı, çimentonun nasıl verildiği ve "
            "neyi düzeltmeyi amaçladıkları bakımından ayrılırlar. Seçenekleri ekipleri ve "
            "hastalarıyla konuşan klinisyenler için karşılaştırmalı bir rehber."
        ),
        "tags": [
            "vertebral augmentasyon",
            "kifoplasti vertebroplasti",
            "kemik çimentosu",
            "omurga sağlığı",
            "osteoporotik kırık",
            "omurga kırığı",
            "girişimsel radyoloji",
        ],
        "body": """
<h2>İki işlemin ortak yönleri nelerdir?</h2>
<p>Vertebroplasti ve kifoplasti, perkütan vertebral augmentasyonun iki biçimidir. Her ikisinde
de girişimi yapan hekim, floroskopi ya da BT eşliğinde ve genellikle pediküllerden geçerek kırık
omur cismine bir ya da iki kanül yerleştirir ve omuru polimetil metakrilat (PMMA) kemik
çimentosuyla doldurur. Çimento sertleştiğinde kırık içeriden stabilize olur, parçalar arasındaki
mikrohareket durur ve iyi seçilmiş hastalarda ağrı birkaç gün içinde azalır. İki işlem de
çoğunlukla lokal anestezi ve sedasyonla ya da genel anestezi altında, sıklıkla günübirlik olarak
yapılır.</p>
<h2>Vertebroplasti nasıl yapılır?</h2>
<p>Vertebroplastide görece düşük viskoziteli çimento doğrudan omur cisminin süngerimsi kemiğine
enjekte edilir ve trabeküllerin arasına yayılır. İşlem kısa sürer, az sayıda alet gerektirir.
Çimento sağlam bir trabeküler ağın içine basınçla verildiğinden, sızıntıyı sınırlamak için
viskozitenin, hacmin ve enjeksiyon hızının dikkatle denetlenmesi şarttır.</p>
<h2>Kifoplasti nasıl yapılır?</h2>
<p>Balon kifoplastide önce omur cismine şişirilebilir bir kemik tampı yerleştirilip şişirilir.
Balon çevresindeki süngerimsi kemiği sıkıştırarak bir boşluk oluşturur ve çökmüş omurun
yüksekliğini kısmen geri kazandırabilir. Ardından balon çıkarılır ve daha viskoz bir çimento bu
boşluğa daha düşük basınçla verilir. Amaç, çimento sızıntısı riskini azaltmak ve yerel kifotik
deformitenin bir bölümünü düzeltmektir.</p>
<h2>İki işlem nasıl karşılaştırılır?</h2>
<table>
<caption>Vertebroplasti ve balon kifoplastinin karşılaştırması</caption>
<thead><tr><th scope="col">Özellik</th><th scope="col">Vertebroplasti</th>
<th scope="col">Balon kifoplasti</th></tr></thead>
<tbody>
<tr><th scope="row">Boşluk oluşturma</th><td>Yok</td><td>Şişirilebilir kemik tampıyla</td></tr>
<tr><th scope="row">Çimento</th><td>Daha düşük viskoziteli, trabeküler kemiğe enjekte edilir</td>
<td>Daha yüksek viskoziteli, oluşturulan boşluğa yerleştirilir</td></tr>
<tr><th scope="row">Yüksekliğin geri kazanılması</th><td>Amaçlanmaz</td>
<td>Bazı kırıklarda kısmen</td></tr>
<tr><th scope="row">İşlem süresi ve maliyet</th><td>Daha kısa, daha az alet</td>
<td>Daha uzun, daha çok alet</td></tr>
</tbody>
</table>
<h2>Hangisi seçilmeli?</h2>
<p>Karşılaştırmalı çalışmalar osteoporotik kırıklarda iki teknikle benzer düzeyde ağrı azalması
bildirmektedir; birçok seride kifoplastide çimento sızıntısı daha seyrek görülmüştür. Bu nedenle
seçim kırığa (yaşına, çökmenin derecesine, arka duvarın durumuna), hastaya ve ekibin
deneyimine bağlıdır. Yakın zamanda belirgin çökme gelişen ya da dizilimin düzeltilmesinin
hedeflendiği kırıklar çoğunlukla kifoplastiyle tedavi edilir.</p>
<h2>Hastalara ne anlatılmalı?</h2>
<p>Hastalara her iki işlemin de ağrıyı azaltmayı ve kırığı stabilize etmeyi amaçladığı, ağrının
geçeceğinin garantisi olmadığı ve riskler arasında çimento sızıntısı, enfeksiyon, kanama ve
nadiren nörolojik ya da embolik komplikasyonların bulunduğu anlatılmalıdır. Başka düzeylerde
yeni kırıklar gelişebileceği de söylenmelidir; osteoporoz tedavisinin planın parçası olarak
kalmasının nedeni budur.</p>
""",
        "history": translated(200, REVIEWER),
    },
    {
        "source": en.OSTEOPOROSIS,
        "title": "Frajilite kırığından sonra osteoporoz: tedavi açığı nasıl kapatılır?",
        "summary": (
            "Osteoporoz nedeniyle kemiği kırılan hastaların çoğu, ilk kırık bir sonrakinin en "
            "güçlü habercisi olduğu halde hastaneden osteoporoz tedavisi almadan ayrılır. İkincil "
            "kırık önlemenin neleri kapsadığı, kimin üstlenmesi gerektiği ve kırık liyezon "
            "hizmetleri gibi yapıların bu açığı nasıl kapattığı."
        ),
        "tags": [
            "osteoporoz",
            "osteoporotik kırık",
            "düşmelerin önlenmesi",
            "omurga sağlığı",
            "omurga kırığı",
        ],
        "body": """
<h2>Tedavi açığı nedir?</h2>
<p>Frajilite kırığı, ayakta durma yüksekliğinden ya da daha alçaktan düşme sonucunda oluşan
kırıktır. Çoğu zaman osteoporozun ilk belirtisidir ve yeni bir kırık riskini iki ila üç kat
artırır; risk ilk bir iki yılda en yüksektir. Etkili tedaviler bulunduğu halde birçok ülkede
yapılan denetimler, hastaların ancak küçük bir bölümünün kırıktan sonra osteoporoz açısından
değerlendirildiğini ya da tedavi aldığını göstermektedir. Gereksinim ile sunulan bakım
arasındaki bu farka tedavi açığı denir.</p>
<h2>Hastalar neden bu açıktan düşüyor?</h2>
<p>Kırık bakımı genellikle kırılan kemiğin çevresinde örgütlenir. Ortopedi ya da omurga ekibi
kırığı tedavi eder, hasta taburcu olur ve her klinisyen kemik sağlığıyla bir başkasının
ilgileneceğini varsayar. Vertebral kırıklar özellikle sık gözden kaçar; çünkü bir akciğer
grafisinde ya da BT'de rastlantısal olarak görülüp raporda hiç adı geçmeyebilir.</p>
<h2>Değerlendirme neleri içermeli?</h2>
<ul>
<li>Önceki kırıklar, düşmeler, oral glukokortikoidler gibi kemiği etkileyen ilaçlar ve
romatoid artrit ya da erken menopoz gibi durumlara ilişkin öykü.</li>
<li>Geçerliliği gösterilmiş bir araçla kırık riskinin hesaplanması; tedavi kararını
değiştirecekse DXA ile kemik mineral yoğunluğunun ölçülmesi.</li>
<li>İkincil nedenleri dışlamak için kan tetkikleri: kalsiyum, D vitamini, böbrek ve karaciğer
işlevleri, tiroit işlevleri ve gerekiyorsa miyelom açısından testler.</li>
<li>Düşme riskinin değerlendirilmesi: denge, görme, baş dönmesi yapan ilaçlar ve evdeki
tehlikeler.</li>
</ul>
<h2>Hangi tedaviler kullanılıyor?</h2>
<p>Temel, yeterli kalsiyum ve D vitamini alımıdır. Oral ya da intravenöz bisfosfonatlar veya
denosumab gibi antirezorptif ilaçlar yeni vertebral kırık riskini belirgin biçimde azaltır.
Birden çok vertebral kırığı olanlar gibi çok yüksek riskli hastalar, tedaviye anabolik bir
ajanla başlayıp antirezorptif bir ilaçla devam etmekten yarar görebilir. Seçim böbrek
işlevlerine, hastanın tercihine ve yerel kılavuzlara bağlıdır. Önemli bir güvenlik notu:
denosumab, ardından gelecek tedavi planlanmadan kesilmemelidir.</p>
<h2>Kırık liyezon hizmetleri nasıl yardımcı olur?</h2>
<p>Kırık liyezon hizmeti (FLS), genellikle bir uzman hemşirenin yürüttüğü ve frajilite kırığı
geçiren hastaları sistemli biçimde belirleyen, değerlendirmelerini düzenleyen, tedaviyi başlatan
ya da öneren ve tedaviyi sürdürüp sürdürmediklerini görmek için hastaları izleyen bir ekiptir.
Bu hizmetin bulunduğu merkezlerde çok daha fazla hasta değerlendirilir ve tedavi edilir,
tedaviye uyum da daha iyidir.</p>
<h2>Her klinisyen ne yapabilir?</h2>
<p>Kırığı hasta dosyasında ve epikrizde osteoporotik kırık olarak adlandırın, hastayı kemik
sağlığı değerlendirmesine yönlendirin ve hastaya kırığın bir uyarı işareti olduğunu, tedavinin
bir sonraki kırık riskini azaltabileceğini açıkça anlatın.</p>
""",
        "history": translated(265, REVIEWER),
    },
    {
        "source": en.CVAD,
        "title": "PICC, tünelli kateter mi, port mu? Santral venöz erişim cihazı nasıl seçilir?",
        "summary": (
            "Doğru venöz erişim cihazı; neyin, ne kadar süreyle ve hangi sıklıkta verileceğine, "
            "hastanın venlerine ve yaşam biçimine göre belirlenir. Periferik yoldan yerleştirilen "
            "santral venöz kateterlerin, tünelli kateterlerin ve implante portların "
            "karşılaştırması ve seçimden önce sorulması gereken sorular."
        ),
        "tags": [
            "damar erişimi",
            "kateter bakımı",
            "hasta güvenliği",
            "girişimsel radyoloji",
            "enfeksiyon önleme",
        ],
        "body": """
<h2>Cihaz seçimi neden önemlidir?</h2>
<p>Santral venöz erişim cihazları, periferik venleri tahriş eden ilaçların (birçok kemoterapi
ajanı, parenteral beslenme ya da uzun süreli antibiyotik tedavisi gibi) büyük bir santral vene
güvenle verilmesini sağlar. Her cihaz türünün kullanım kolaylığı, enfeksiyon ve tromboz riski
ve maliyet açısından kendine özgü bir dengesi vardır. Tedavi planına uyan cihazı baştan seçmek
tekrarlanan girişimleri önler ve hastanın venlerini korur.</p>
<h2>Başlıca seçenekler nelerdir?</h2>
<table>
<caption>Sık kullanılan santral venöz erişim cihazları</caption>
<thead><tr><th scope="col">Cihaz</th><th scope="col">Olağan kullanım süresi</th>
<th scope="col">Güçlü yanları</th><th scope="col">Sınırlılıkları</th></tr></thead>
<tbody>
<tr><td>Periferik yoldan yerleştirilen santral venöz kateter (PICC)</td>
<td>Birkaç haftadan birkaç aya</td>
<td>Ultrason eşliğinde yatak başında takılır; kolayca çıkarılır</td>
<td>Haftalık bakım gerektiren dış hat; kolda tromboz</td></tr>
<tr><td>Tünelli, kaflı kateter</td><td>Aylarca</td>
<td>Sık erişime ve yüksek akıma uygundur</td>
<td>Dış hat; çıkarılması için girişim gerekir</td></tr>
<tr><td>İmplante port</td><td>Aylardan yıllara</td>
<td>Kullanılmadığında vücudun dışında hiçbir parça kalmaz; enfeksiyon riski düşüktür</td>
<td>Her erişimde iğne gerekir; cerrahi olarak takılır ve çıkarılır</td></tr>
</tbody>
</table>
<h2>Seçimde hangi sorular yol gösterir?</h2>
<ul>
<li>Ne verilecek? Vezikan ya da irritan ilaçlar ve parenteral beslenme santral erişim
gerektirir.</li>
<li>Ne kadar süreyle ve hangi sıklıkta? Aylara yayılan aralıklı tedavi portu, birkaç hafta
süren sürekli ya da günlük tedavi PICC'yi öne çıkarır.</li>
<li>Gerçekte kaç lümen gerekiyor? Her ek lümen enfeksiyon ve tromboz riskini artırır.</li>
<li>Hastanın venleri, böbrek işlevleri ve pıhtılaşma durumu nasıl? Diyaliz gerekebilecek
hastaların kol venleri korunmalıdır.</li>
<li>Hasta nasıl bir yaşam sürüyor? Yüzme, iş yaşamı ve beden algısı, implante port lehine ağır
basabilir.</li>
</ul>
<h2>Yerleştirme riskleri nasıl azaltılır?</h2>
<p>Ven ponksiyonunun gerçek zamanlı ultrason eşliğinde yapılması, tam steril bariyer önlemleri,
alkollü klorheksidinle cilt antisepsisi ve kateter ucunun kavoatriyal bileşke yakınında olduğunun
doğrulanması standart uygulamalardır. Cihazın eğitimli bir damar erişim ekibince ya da
girişimsel radyoloji biriminde takılması daha az komplikasyonla ilişkilidir.</p>
<h2>Her cihaz nasıl bir bakım gerektirir?</h2>
<p>PICC ve tünelli kateter gibi dış hatların pansumanı ve iğnesiz konnektörü düzenli olarak,
genellikle yedi günde bir, pansuman gevşemiş, nemlenmiş ya da kirlenmişse daha erken
değiştirilir; hatlar kullanımlar arasında yıkanır. Portlar, tedaviler arasında dönemsel bir
yıkama dışında bakım gerektirmez; yıkama aralığı kurum politikasına ve üreticinin kullanım
talimatlarına bağlıdır. Hangi cihaz olursa olsun her erişim, el hijyeni ve kateter bağlantı
ucunun ovalanarak dezenfekte edilmesiyle başlar.</p>
<h2>Karara kimler katılmalı?</h2>
<p>Tedaviyi planlayan ekip, damar erişim ekibi ve hasta birlikte karar vermeli; karar ve
gerekçesi kayda geçirilmelidir. Artık gerekmeyen bir cihaz vakit kaybetmeden çıkarılmalıdır: en
güvenli kateter, takılı olmayan kateterdir.</p>
""",
        "history": translated(100, REVIEWER3),
    },
]

ENTRIES = [
    {
        "source": en.FURTHER_FRACTURES,
        "question": "Vertebral kırık yeni kırık riskini artırır mı?",
        "tags": ["osteoporotik kırık", "osteoporoz", "omurga kırığı"],
        "answer": """
<p>Evet, belirgin biçimde. Osteoporotik vertebral kırığı olan bir hastada, aynı yaşta kırığı
olmayan birine göre yeni bir vertebral kırık riski birkaç kat, kalça kırığı riski de daha
yüksektir. Risk ilk bir iki yılda en yüksek düzeydedir; osteoporozun değerlendirilmesine ve
tedavisine gecikmeden başlanmasının nedeni budur.</p>
""",
        "history": translated(290, REVIEWER2),
    },
    {
        "source": en.OSTEOPOROSIS_TREATMENT,
        "question": "Vertebral augmentasyondan sonra osteoporoz tedavisine başlanmalı mı?",
        "tags": ["osteoporoz", "vertebral augmentasyon", "osteoporotik kırık"],
        "answer": """
<p>Evet, endikasyon varsa. Augmentasyon ağrılı kırığı tedavi eder, ancak kırığa yol açan kemik
hastalığını tedavi etmez. Hastanın kemik sağlığı değerlendirilmeli ve çoğu durumda osteoporoz
tedavisine başlanmalıdır. İşlem bu tedaviyi ertelemek için bir gerekçe değildir; kırığı tedavi
eden ekip, bu sorumluluğu birinin üstlendiğinden emin olmalıdır.</p>
""",
        "history": translated(288, REVIEWER2),
    },
    {
        "source": en.LIAISON,
        "question": "Kırık liyezon hizmeti nedir?",
        "tags": ["osteoporoz", "osteoporotik kırık", "düşmelerin önlenmesi"],
        "answer": """
<p>Kırık liyezon hizmeti, genellikle bir uzman hemşirenin eşgüdümünde çalışan bir ekiptir:
frajilite kırığı geçiren hastaları bulur, kemik sağlığı ve düşme değerlendirmelerini düzenler,
tedaviyi önerir ya da başlatır ve hastaları izler. Böylece kırık bakımı ile osteoporoz bakımı
arasındaki boşluğu kapatır.</p>
""",
        "history": translated(286, REVIEWER),
    },
    {
        "source": en.PAIN_RELIEF,
        "question": "Vertebral augmentasyondan sonra ağrı genellikle ne kadar sürede azalır?",
        "tags": ["vertebral augmentasyon", "kifoplasti vertebroplasti", "ağrı yönetimi"],
        "answer": """
<p>İyi seçilmiş hastaların birçoğu, çimento kırığı stabilize ettikten ve iğnenin giriş yerindeki
hassasiyet geçtikten sonra, ilk bir ila üç gün içinde ağrılarının azaldığını fark eder. Düzelme
sonraki haftalarda da sürebilir. Ağrı hiç azalmıyorsa tanı yeniden gözden geçirilmelidir: ağrı
başka bir düzeyden ya da başka bir yapıdan kaynaklanıyor olabilir ya da yeni bir kırık gelişmiş
olabilir.</p>
""",
        "history": translated(284, REVIEWER2),
    },
    {
        "source": en.HOSPITAL_STAY,
        "question": "Kifoplasti ya da vertebroplastiden sonra hastalar ne kadar hastanede kalır?",
        "tags": ["kifoplasti vertebroplasti", "vertebral augmentasyon", "omurga sağlığı"],
        "answer": """
<p>Evden gelen hastalar, çimento sertleşene kadar süren bir yatak istirahatinin ve güvenle
yürüyebildiklerinin kontrol edilmesinin ardından çoğunlukla aynı gün ya da ertesi sabah taburcu
edilir. Kırığı nedeniyle zaten hastanede yatan hastalar ise genellikle evlerine ya da bir
rehabilitasyon merkezine dönebilecek kadar hareketlenene dek kalır.</p>
""",
        "history": translated(230, REVIEWER),
    },
    {
        "source": en.PICC,
        "question": "PICC ne kadar süre yerinde kalabilir?",
        "tags": ["damar erişimi", "kateter bakımı"],
        "answer": """
<p>PICC, çalıştığı, enfeksiyon ya da tromboz belirtisi göstermediği ve gerektiği sürece
haftalarca, hatta birkaç ay yerinde kalabilir. Rutin bir değiştirme aralığı yoktur. Kateterin
yerinde kaldığı her gün bir miktar risk taşıdığından tedavi biter bitmez çıkarılmalıdır.</p>
""",
        "history": translated(118, REVIEWER3),
    },
    {
        "source": en.PORT,
        "question": "Kullanılmadığı dönemlerde port ne sıklıkla yıkanmalı?",
        "tags": ["damar erişimi", "kateter bakımı", "hasta güvenliği"],
        "answer": """
<p>Aralık kurumdan kuruma ve üründen ürüne değişir; tedavi kürleri arasında genellikle dört
haftada birden üç ayda bire kadar uzanır. Kurumunuzun politikasına ve portun kullanım
talimatlarına uyun. Her erişimde port iğnesi (Huber iğnesi), sıkı asepsi ve serum fizyolojikle
pulsatil yıkama kullanılır.</p>
""",
        "history": translated(116, REVIEWER3),
    },
    {
        "source": en.ULTRASOUND,
        "question": "Venöz erişimde neden ultrason rehberliği kullanılır?",
        "tags": ["damar erişimi", "görüntüleme rehberliği", "hasta güvenliği"],
        "answer": """
<p>Gerçek zamanlı ultrason veni, çapını ve açıklığını, yakınındaki arteri ve siniri gösterir.
Böylece vene daha sık ilk denemede girilir, arter ponksiyonu ve diğer komplikasyonlar daha
seyrek görülür. Ultrason ayrıca kateter için yeterince geniş bir venin seçilmesine de yardımcı
olur.</p>
""",
        "history": translated(114, REVIEWER3),
    },
]
