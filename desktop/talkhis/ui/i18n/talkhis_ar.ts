<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
  <context>
    <name>QGuiApplication</name>
    <message>
      <source>QT_LAYOUT_DIRECTION</source>
      <translation>RTL</translation>
    </message>
  </context>
  <context>
    <name>Attachments</name>
    <message>
      <source>&amp;Attachments</source>
      <translation>&amp;المرفقات</translation>
    </message>
    <message>
      <source>Open attachment &amp;{number}: {name}</source>
      <translation>فتح المرفق &amp;{number}: {name}</translation>
    </message>
    <message>
      <source>Read {name} from this e-mail and open it</source>
      <translation>قراءة {name} من هذه الرسالة وفتحه</translation>
    </message>
    <message>
      <source>Attachments ({count})</source>
      <translation>المرفقات ({count})</translation>
    </message>
    <message>
      <source>Attachments of this e-mail</source>
      <translation>مرفقات هذه الرسالة</translation>
    </message>
    <message>
      <source>Open one of this e-mail's attachments</source>
      <translation>فتح أحد مرفقات هذه الرسالة</translation>
    </message>
    <message>
      <source>Cannot open the attachment</source>
      <translation>تعذّر فتح المرفق</translation>
    </message>
    <message>
      <source>Opening attachment {number}…</source>
      <translation>جارٍ فتح المرفق {number}…</translation>
    </message>
  </context>
  <context>
    <name>CrashHandler</name>
    <message>
      <source>Talkhis: unexpected error</source>
      <translation>تلخيص: خطأ غير متوقع</translation>
    </message>
    <message>
      <source>Something went wrong ({kind}: {message}).

Your work in this window is kept; if it happens again, please send the log file to support:
{log}</source>
      <translation>حدث خطأ ({kind}: {message}).

عملك في هذه النافذة محفوظ؛ إن تكرر الخطأ فأرسل ملف السجل إلى الدعم الفني:
{log}</translation>
    </message>
  </context>
  <context>
    <name>EmptyState</name>
    <message>
      <source>No article open</source>
      <translation>لا توجد مقالة مفتوحة</translation>
    </message>
    <message>
      <source>Open an article</source>
      <translation>فتح مقالة</translation>
    </message>
    <message>
      <source>Choose an Arabic article with File › Open (Ctrl+O), or drop the file here.
Talkhis shows the source, its English translation and a bullet summary side by side.</source>
      <translation>اختر مقالة عربية من ملف › فتح (Ctrl+O)، أو أفلت الملف هنا.
يعرض تلخيص النص المصدر وترجمته الإنجليزية وملخصًا في نقاط جنبًا إلى جنب.</translation>
    </message>
    <message>
      <source>Reads Word, PDF, OpenDocument and RTF documents, web pages, e-mails and plain text</source>
      <translation>يقرأ مستندات Word وPDF وOpenDocument وRTF وصفحات الويب والرسائل الإلكترونية والنص العادي</translation>
    </message>
    <message>
      <source>Open an article…</source>
      <translation>فتح مقالة…</translation>
    </message>
    <message>
      <source>Choose a file to translate and summarise (Ctrl+O)</source>
      <translation>اختيار ملف لترجمته وتلخيصه (Ctrl+O)</translation>
    </message>
  </context>
  <context>
    <name>EntityPanel</name>
    <message>
      <source>Names</source>
      <translation>الأسماء</translation>
    </message>
    <message>
      <source>People, places and organisations named in the article</source>
      <translation>الأشخاص والأماكن والمنظمات المذكورة في المقال</translation>
    </message>
    <message>
      <source>People, places and organisations</source>
      <translation>الأشخاص والأماكن والمنظمات</translation>
    </message>
    <message>
      <source>English</source>
      <translation>الإنجليزية</translation>
    </message>
    <message>
      <source>Arabic</source>
      <translation>العربية</translation>
    </message>
    <message>
      <source>Count</source>
      <translation>العدد</translation>
    </message>
    <message>
      <source>How often the article names it</source>
      <translation>كم مرة يذكره المقال</translation>
    </message>
    <message>
      <source>Click a name to mark its sentences in the three panes; click again or Esc to clear. Right-click to set its English.</source>
      <translation>انقر اسمًا لتمييز جمله في الأجزاء الثلاثة؛ انقره مرة أخرى أو اضغط Esc لإزالة التمييز. انقر بالزر الأيمن لتحديد مقابله الإنجليزي.</translation>
    </message>
    <message>
      <source>Open an Arabic article to list the people, places and organisations it names.</source>
      <translation>افتح مقالًا عربيًا لعرض الأشخاص والأماكن والمنظمات المذكورة فيه.</translation>
    </message>
    <message>
      <source>Finding names…</source>
      <translation>جارٍ البحث عن الأسماء…</translation>
    </message>
    <message>
      <source>Names are listed for Arabic articles.</source>
      <translation>تُعرض الأسماء للمقالات العربية.</translation>
    </message>
    <message>
      <source>No names: the Arabic lexicon is not installed.</source>
      <translation>لا أسماء: المعجم العربي غير مثبّت.</translation>
    </message>
    <message>
      <source>The names could not be listed: {reason}</source>
      <translation>تعذّر عرض الأسماء: {reason}</translation>
    </message>
    <message>
      <source>No people, places or organisations found.</source>
      <translation>لم يُعثر على أشخاص أو أماكن أو منظمات.</translation>
    </message>
    <message>
      <source>People</source>
      <translation>الأشخاص</translation>
    </message>
    <message>
      <source>Places</source>
      <translation>الأماكن</translation>
    </message>
    <message>
      <source>Organisations</source>
      <translation>المنظمات</translation>
    </message>
    <message>
      <source>{english} ({arabic}). Mentions: {count}; sentences: {sentences}.</source>
      <translation>{english} ({arabic}). مرات الذكر: {count}؛ الجمل: {sentences}.</translation>
    </message>
  </context>
  <context>
    <name>FindBar</name>
    <message>
      <source>Find in all panes (Arabic ignores diacritics and hamza forms)</source>
      <translation>البحث في كل الأجزاء (العربية دون اعتبار للتشكيل وأشكال الهمزة)</translation>
    </message>
    <message>
      <source>Find text</source>
      <translation>نص البحث</translation>
    </message>
    <message>
      <source>&amp;Find:</source>
      <translation>&amp;بحث:</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>السابق</translation>
    </message>
    <message>
      <source>Previous match (Shift+Enter)</source>
      <translation>النتيجة السابقة (Shift+Enter)</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>التالي</translation>
    </message>
    <message>
      <source>Next match (Enter)</source>
      <translation>النتيجة التالية (Enter)</translation>
    </message>
    <message>
      <source>Matches</source>
      <translation>النتائج</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>إغلاق</translation>
    </message>
    <message>
      <source>Close the find bar (Escape)</source>
      <translation>إغلاق شريط البحث (Escape)</translation>
    </message>
    <message>
      <source>No matches</source>
      <translation>لا نتائج</translation>
    </message>
    <message>
      <source>%1 of %2</source>
      <translation>%1 من %2</translation>
    </message>
  </context>
  <context>
    <name>GlossPanel</name>
    <message>
      <source>Word-by-word gloss</source>
      <translation>ترجمة حرفية كلمةً كلمة</translation>
    </message>
    <message>
      <source>Gloss of the chosen sentence</source>
      <translation>الترجمة الحرفية للجملة المختارة</translation>
    </message>
    <message>
      <source>Loading the Arabic lexicon…</source>
      <translation>جارٍ تحميل المعجم العربي…</translation>
    </message>
    <message>
      <source>Word by word from the lexicon, in Arabic word order: a gloss, not a translation. Grey words are names or words the lexicon does not know.</source>
      <translation>كلمةً كلمة من المعجم، بترتيب الكلمات العربي: ترجمة حرفية لا ترجمة. الكلمات الرمادية أسماء أو كلمات لا يعرفها المعجم.</translation>
    </message>
  </context>
  <context>
    <name>GlossaryDialog</name>
    <message>
      <source>Set English</source>
      <translation>تحديد المقابل الإنجليزي</translation>
    </message>
    <message>
      <source>Every gloss and the names list will use this English for the term, in this article and the next ones.</source>
      <translation>ستستخدم كل ترجمة حرفية وقائمة الأسماء هذا المقابل الإنجليزي للمصطلح، في هذا المقال والمقالات التالية.</translation>
    </message>
    <message>
      <source>Arabic term</source>
      <translation>المصطلح العربي</translation>
    </message>
    <message>
      <source>English rendering</source>
      <translation>المقابل الإنجليزي</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>شخص</translation>
    </message>
    <message>
      <source>Place</source>
      <translation>مكان</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>منظمة</translation>
    </message>
    <message>
      <source>Other term</source>
      <translation>مصطلح آخر</translation>
    </message>
    <message>
      <source>&amp;Arabic:</source>
      <translation>&amp;العربية:</translation>
    </message>
    <message>
      <source>&amp;English:</source>
      <translation>ال&amp;إنجليزية:</translation>
    </message>
    <message>
      <source>&amp;Kind:</source>
      <translation>ال&amp;نوع:</translation>
    </message>
    <message>
      <source>Both the Arabic term and its English are needed.</source>
      <translation>يلزم المصطلح العربي ومقابله الإنجليزي كلاهما.</translation>
    </message>
    <message>
      <source>The Arabic term needs Arabic letters.</source>
      <translation>يجب أن يحتوي المصطلح العربي على حروف عربية.</translation>
    </message>
    <message>
      <source>The English rendering cannot have Arabic letters.</source>
      <translation>لا يجوز أن تحتوي الترجمة الإنجليزية على حروف عربية.</translation>
    </message>
  </context>
  <context>
    <name>LinkedTextView</name>
    <message>
      <source>OCR was unsure of this word: check it against the original</source>
      <translation>لم يتأكد التعرّف الضوئي من هذه الكلمة: قارنها بالأصل</translation>
    </message>
  </context>
  <context>
    <name>LookupPopup</name>
    <message>
      <source>Word lookup</source>
      <translation>معاني الكلمة</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Arabic source</source>
      <translation>النص العربي</translation>
    </message>
    <message>
      <source>English translation</source>
      <translation>الترجمة الإنجليزية</translation>
    </message>
    <message>
      <source>Summary bullets</source>
      <translation>نقاط الملخص</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>الملخص</translation>
    </message>
    <message>
      <source>Translation progress</source>
      <translation>تقدّم الترجمة</translation>
    </message>
    <message>
      <source>Sentences translated so far</source>
      <translation>الجمل المترجمة حتى الآن</translation>
    </message>
    <message>
      <source>%v / %m sentences</source>
      <translation>%v من %m جملة</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <source>Cancel translation</source>
      <translation>إلغاء الترجمة</translation>
    </message>
    <message>
      <source>Stop reading or translating; what is translated stays (Esc)</source>
      <translation>إيقاف القراءة أو الترجمة؛ يبقى ما تُرجم (Esc)</translation>
    </message>
    <message>
      <source>Open an article</source>
      <translation>فتح مقالة</translation>
    </message>
    <message>
      <source>Articles ({patterns});;All files (*)</source>
      <translation>المقالات ({patterns});;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Opening {name}…</source>
      <translation>جارٍ فتح {name}…</translation>
    </message>
    <message>
      <source>reading…</source>
      <translation>جارٍ القراءة…</translation>
    </message>
    <message>
      <source>Reading the article</source>
      <translation>جارٍ قراءة المقالة</translation>
    </message>
    <message>
      <source>reading: %v of %m pages done</source>
      <translation>القراءة: تمّت %v من %m صفحات</translation>
    </message>
    <message>
      <source>Reading {name}: page {page} of {total} ({what})…</source>
      <translation>قراءة {name}: الصفحة {page} من {total} ({what})…</translation>
    </message>
    <message>
      <source>{name}: {count} sentences.</source>
      <translation>{name}: عدد الجمل {count}.</translation>
    </message>
    <message>
      <source>Cannot open the article</source>
      <translation>تعذّر فتح المقالة</translation>
    </message>
    <message>
      <source>Translating with {model}…</source>
      <translation>جارٍ الترجمة بالنموذج {model}…</translation>
    </message>
    <message>
      <source>Translation stopped: {done} of {total} sentences translated. Models › Translate again (F5) continues.</source>
      <translation>توقفت الترجمة: تُرجمت {done} من {total} جملة. النماذج › الترجمة مجددًا (F5) يكملها.</translation>
    </message>
    <message>
      <source>Translated {total} sentences with {model}.</source>
      <translation>تُرجمت الجمل ({total}) بالنموذج {model}.</translation>
    </message>
    <message>
      <source>No translation model installed: Models › Manage models… imports one.</source>
      <translation>لا يوجد نموذج ترجمة مثبّت: النماذج › إدارة النماذج… لاستيراد نموذج.</translation>
    </message>
    <message>
      <source>English: word-by-word gloss</source>
      <translation>الإنجليزية: ترجمة حرفية كلمةً كلمة</translation>
    </message>
    <message>
      <source>Stopped opening {name}.</source>
      <translation>أُوقف فتح {name}.</translation>
    </message>
    <message>
      <source>Stopping…</source>
      <translation>جارٍ الإيقاف…</translation>
    </message>
    <message>
      <source>Stopping after the current batch…</source>
      <translation>سيتوقف بعد الدفعة الحالية…</translation>
    </message>
    <message>
      <source>{name} ({arabic}): in {sentences} of {total} sentences and {bullets} of {all} bullets.</source>
      <translation>{name} ({arabic}): في {sentences} من {total} جملة و{bullets} من {all} نقاط.</translation>
    </message>
    <message>
      <source>Set English for «{term}»…</source>
      <translation>تحديد المقابل الإنجليزي لـ«{term}»…</translation>
    </message>
    <message>
      <source>Remove «{term}» from the glossary</source>
      <translation>حذف «{term}» من المسرد</translation>
    </message>
    <message>
      <source>Glossary</source>
      <translation>المسرد</translation>
    </message>
    <message>
      <source>The glossary was not changed: {reason}</source>
      <translation>لم يتغير المسرد: {reason}</translation>
    </message>
    <message>
      <source>Glossary: «{arabic}» is now rendered “{english}”.</source>
      <translation>المسرد: صار مقابل «{arabic}» هو “{english}”.</translation>
    </message>
    <message>
      <source>Glossary: «{arabic}» removed.</source>
      <translation>المسرد: حُذف «{arabic}».</translation>
    </message>
    <message>
      <source>[translating…]</source>
      <translation>[جارٍ الترجمة…]</translation>
    </message>
    <message>
      <source>[not translated]</source>
      <translation>[لم تُترجم]</translation>
    </message>
    <message>
      <source>gloss</source>
      <translation>gloss</translation>
    </message>
    <message>
      <source>The summary appears here once an article is open.</source>
      <translation>يظهر الملخص هنا بعد فتح مقالة.</translation>
    </message>
    <message>
      <source>Choosing the bullets…</source>
      <translation>جارٍ اختيار النقاط…</translation>
    </message>
    <message>
      <source>No bullets: the article has too few sentences to summarise.</source>
      <translation>لا نقاط: جمل المقالة أقل من أن تُلخَّص.</translation>
    </message>
    <message>
      <source>Interface language: {language}.</source>
      <translation>لغة الواجهة: {language}.</translation>
    </message>
    <message>
      <source>Click a sentence in any pane first, then Ctrl+G shows it word by word.</source>
      <translation>انقر أولًا على جملة في أي جزء، ثم يعرضها Ctrl+G كلمةً كلمة.</translation>
    </message>
    <message>
      <source>Word-by-word glosses are for Arabic articles.</source>
      <translation>الترجمة الحرفية للمقالات العربية فقط.</translation>
    </message>
    <message>
      <source>Clear translation memory</source>
      <translation>مسح ذاكرة الترجمة</translation>
    </message>
    <message>
      <source>Forget every remembered translation? Articles opened again will be translated again, which takes longer. Translations in the window stay.</source>
      <translation>نسيان كل الترجمات المحفوظة؟ ستُترجم المقالات من جديد عند فتحها مرة أخرى، وهذا يستغرق وقتًا أطول. تبقى الترجمات المعروضة في النافذة.</translation>
    </message>
    <message>
      <source>Clear memory</source>
      <translation>مسح الذاكرة</translation>
    </message>
    <message>
      <source>Translation memory cleared: {count} translations forgotten.</source>
      <translation>مُسحت ذاكرة الترجمة: حُذفت الترجمات ({count}).</translation>
    </message>
    <message>
      <source>Clearing the translation memory…</source>
      <translation>جارٍ مسح ذاكرة الترجمة…</translation>
    </message>
    <message>
      <source>Models</source>
      <translation>النماذج</translation>
    </message>
    <message>
      <source>The models folder cannot be used: {reason}</source>
      <translation>لا يمكن استخدام مجلد النماذج: {reason}</translation>
    </message>
    <message>
      <source>About Talkhis</source>
      <translation>عن تلخيص</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Talkhis {version}&lt;/h3&gt;&lt;p&gt;Offline Arabic→English translation and bullet summaries for analysts.&lt;/p&gt;&lt;p&gt;Licence: GPL-3.0-or-later.&lt;/p&gt;&lt;p&gt;{credit}&lt;/p&gt;&lt;p&gt;Log file: {log}&lt;/p&gt;</source>
      <translation>&lt;h3&gt;تلخيص {version}&lt;/h3&gt;&lt;p&gt;ترجمة من العربية إلى الإنجليزية وملخصات في نقاط للمحللين، دون اتصال بالإنترنت.&lt;/p&gt;&lt;p&gt;الترخيص: GPL-3.0-or-later.&lt;/p&gt;&lt;p&gt;{credit}&lt;/p&gt;&lt;p&gt;ملف السجل: {log}&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>ModelHelp</name>
    <message>
      <source>Getting a translation model</source>
      <translation>الحصول على نموذج ترجمة</translation>
    </message>
    <message>
      <source>Talkhis translates with an Arabic→English CTranslate2 model. None ships with Talkhis and Talkhis never goes online: fetch a model on a connected computer, carry the file over (USB stick, shared folder) and import it here. Without a model, Talkhis still shows word-by-word glosses from its lexicon.</source>
      <translation>يترجم تلخيص بنموذج CTranslate2 من العربية إلى الإنجليزية. لا يأتي مع تلخيص أي نموذج، ولا يتصل تلخيص بالإنترنت أبدًا: نزّل النموذج على حاسوب متصل، وانقل الملف (بذاكرة USB أو مجلد مشترك) ثم استورده هنا. ومن غير نموذج يعرض تلخيص ترجمة حرفية كلمةً كلمة من معجمه.</translation>
    </message>
    <message>
      <source>Where to get one</source>
      <translation>من أين تحصل عليه</translation>
    </message>
    <message>
      <source>Argos Translate, Arabic→English (about 78 MB; the simplest)</source>
      <translation>Argos Translate من العربية إلى الإنجليزية (نحو 78 MB؛ الأسهل)</translation>
    </message>
    <message>
      <source>The file translate-ar_en-….argosmodel, linked from index.json in the Argos Translate package index below. Import the file as it is.</source>
      <translation>الملف translate-ar_en-….argosmodel، ورابطه في الملف index.json من فهرس حزم Argos Translate أدناه. استورد الملف كما هو.</translation>
    </message>
    <message>
      <source>OPUS-MT, Helsinki-NLP/opus-mt-ar-en (CC-BY-4.0, about 80 MB)</source>
      <translation>OPUS-MT، أي Helsinki-NLP/opus-mt-ar-en ‏(CC-BY-4.0، نحو 80 MB)</translation>
    </message>
    <message>
      <source>Converted to CTranslate2 on a connected computer with Python:</source>
      <translation>يُحوَّل إلى CTranslate2 على حاسوب متصل فيه Python:</translation>
    </message>
    <message>
      <source>Then import the folder opus-mt-ar-en.</source>
      <translation>ثم استورد المجلد opus-mt-ar-en.</translation>
    </message>
    <message>
      <source>NLLB-200 distilled 600M (CC-BY-NC-4.0: non-commercial use only; about 620 MB)</source>
      <translation>NLLB-200 distilled 600M ‏(CC-BY-NC-4.0: للاستخدام غير التجاري فقط؛ نحو 620 MB)</translation>
    </message>
    <message>
      <source>Converted the same way:</source>
      <translation>يُحوَّل بالطريقة نفسها:</translation>
    </message>
    <message>
      <source>How to import it</source>
      <translation>كيف تستورده</translation>
    </message>
    <message>
      <source>Models › Manage models… (Ctrl+Shift+M), then &lt;b&gt;Import file…&lt;/b&gt; for an .argosmodel or .zip file, or &lt;b&gt;Import folder…&lt;/b&gt; for a converted folder. The import checks that the model loads and translates a sentence before it is installed. &lt;b&gt;Set default&lt;/b&gt; chooses the model that translates; an open article is translated at once.</source>
      <translation>النماذج › إدارة النماذج… (Ctrl+Shift+M)، ثم &lt;b&gt;استيراد ملف…&lt;/b&gt; لملف argosmodel أو zip، أو &lt;b&gt;استيراد مجلد…&lt;/b&gt; لمجلد محوَّل. يتحقق الاستيراد من أن النموذج يُحمَّل ويترجم جملة قبل تثبيته. ويختار &lt;b&gt;تعيين افتراضي&lt;/b&gt; النموذج الذي يترجم؛ وتُترجم المقالة المفتوحة فورًا.</translation>
    </message>
    <message>
      <source>From the command line:</source>
      <translation>من سطر الأوامر:</translation>
    </message>
  </context>
  <context>
    <name>ModelsDialog</name>
    <message>
      <source>Translation models</source>
      <translation>نماذج الترجمة</translation>
    </message>
    <message>
      <source>Installed models</source>
      <translation>النماذج المثبّتة</translation>
    </message>
    <message>
      <source>Default</source>
      <translation>الافتراضي</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>Languages</source>
      <translation>اللغات</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>الحجم</translation>
    </message>
    <message>
      <source>Licence</source>
      <translation>الترخيص</translation>
    </message>
    <message>
      <source>Speed here</source>
      <translation>السرعة هنا</translation>
    </message>
    <message>
      <source>Published quality</source>
      <translation>الجودة المنشورة</translation>
    </message>
    <message>
      <source>No model installed. Import an Arabic→English model: an Argos Translate package (.argosmodel), an OPUS-MT or NLLB CTranslate2 folder. &lt;a href="help"&gt;Getting a model&lt;/a&gt; says where to find one and how to import it.</source>
      <translation>لا يوجد نموذج مثبّت. استورد نموذجًا من العربية إلى الإنجليزية: حزمة Argos Translate (ملف argosmodel) أو مجلد CTranslate2 لنموذج OPUS-MT أو NLLB. تشرح &lt;a href="help"&gt;الحصول على نموذج&lt;/a&gt; من أين تجده وكيف تستورده.</translation>
    </message>
    <message>
      <source>Import &amp;file…</source>
      <translation>استيراد &amp;ملف…</translation>
    </message>
    <message>
      <source>Install a .argosmodel or .zip model file</source>
      <translation>تثبيت نموذج من ملف argosmodel أو zip</translation>
    </message>
    <message>
      <source>Import f&amp;older…</source>
      <translation>استيراد م&amp;جلد…</translation>
    </message>
    <message>
      <source>Install a CTranslate2 model folder</source>
      <translation>تثبيت مجلد نموذج CTranslate2</translation>
    </message>
    <message>
      <source>&amp;Remove</source>
      <translation>&amp;إزالة</translation>
    </message>
    <message>
      <source>Uninstall the selected model</source>
      <translation>إزالة النموذج المحدد</translation>
    </message>
    <message>
      <source>Set &amp;default</source>
      <translation>تعيين &amp;افتراضي</translation>
    </message>
    <message>
      <source>Translate with the selected model</source>
      <translation>الترجمة بالنموذج المحدد</translation>
    </message>
    <message>
      <source>Import progress</source>
      <translation>تقدّم الاستيراد</translation>
    </message>
    <message>
      <source>Models status</source>
      <translation>حالة النماذج</translation>
    </message>
    <message>
      <source>Cannot read the models folder: {reason}</source>
      <translation>تعذّرت قراءة مجلد النماذج: {reason}</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>غير معروف</translation>
    </message>
    <message>
      <source>none published</source>
      <translation>لا توجد درجة منشورة</translation>
    </message>
    <message>
      <source>Used when no model is named</source>
      <translation>يُستخدم حين لا يُحدَّد نموذج</translation>
    </message>
    <message>
      <source>1 MB = 1,000,000 bytes</source>
      <translation>1 ميغابايت = 1,000,000 بايت</translation>
    </message>
    <message>
      <source>Measured on this computer when the model was imported; it also chose how the translator shares the CPU cores</source>
      <translation>قيست على هذا الحاسوب عند استيراد النموذج؛ وبها اختير أيضًا كيف يوزّع المترجم أنوية المعالج</translation>
    </message>
    <message>
      <source>Import a model file</source>
      <translation>استيراد ملف نموذج</translation>
    </message>
    <message>
      <source>Model packages and OPUS-MT releases (*.argosmodel *.zip);;All files (*)</source>
      <translation>حزم النماذج وإصدارات OPUS-MT (*.argosmodel *.zip);;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Import a model folder</source>
      <translation>استيراد مجلد نموذج</translation>
    </message>
    <message>
      <source>Remove model</source>
      <translation>إزالة النموذج</translation>
    </message>
    <message>
      <source>Remove the model “{name}”? Its files are deleted.</source>
      <translation>إزالة النموذج «{name}»؟ ستُحذف ملفاته.</translation>
    </message>
    <message>
      <source>Importing {name}…</source>
      <translation>جارٍ استيراد {name}…</translation>
    </message>
    <message>
      <source>{what}… {percent}%</source>
      <translation>{what}… {percent}%</translation>
    </message>
    <message>
      <source>Installed {name} ({layout}, {source}→{target}).</source>
      <translation>ثُبّت {name} ‏({layout}، {source}→{target}).</translation>
    </message>
    <message>
      <source>Removed {name}.</source>
      <translation>أُزيل {name}.</translation>
    </message>
    <message>
      <source>{name} is now the default model.</source>
      <translation>{name} هو النموذج الافتراضي الآن.</translation>
    </message>
  </context>
  <context>
    <name>NoModelBanner</name>
    <message>
      <source>No translation model</source>
      <translation>لا يوجد نموذج ترجمة</translation>
    </message>
    <message>
      <source>Import model…</source>
      <translation>استيراد نموذج…</translation>
    </message>
    <message>
      <source>Import a translation model</source>
      <translation>استيراد نموذج ترجمة</translation>
    </message>
    <message>
      <source>Install an Arabic→English model (.argosmodel file or model folder)</source>
      <translation>تثبيت نموذج من العربية إلى الإنجليزية (ملف argosmodel أو مجلد نموذج)</translation>
    </message>
    <message>
      <source>No translation model is installed, so there is no English translation yet. Sentences marked GLOSS are word by word from the lexicon: a gloss, not a translation. Import an Arabic→English model to translate.</source>
      <translation>لا يوجد نموذج ترجمة مثبّت، فلا ترجمة إنجليزية بعد. الجمل الموسومة GLOSS مأخوذة كلمةً كلمة من المعجم: ترجمة حرفية لا ترجمة. استورد نموذجًا من العربية إلى الإنجليزية للترجمة.</translation>
    </message>
    <message>
      <source>The translation model could not be used: {message}</source>
      <translation>تعذّر استخدام نموذج الترجمة: {message}</translation>
    </message>
  </context>
  <context>
    <name>RecentFiles</name>
    <message>
      <source>Open &amp;recent</source>
      <translation>المقالات ال&amp;أخيرة</translation>
    </message>
    <message>
      <source>No recent articles</source>
      <translation>لا توجد مقالات حديثة</translation>
    </message>
    <message>
      <source>&amp;Clear the list</source>
      <translation>&amp;مسح القائمة</translation>
    </message>
    <message>
      <source>Forget the recent articles</source>
      <translation>نسيان المقالات الأخيرة</translation>
    </message>
  </context>
  <context>
    <name>Reports</name>
    <message>
      <source>Nothing to copy yet: open an article first.</source>
      <translation>لا شيء للنسخ بعد: افتح مقالة أولًا.</translation>
    </message>
    <message>
      <source>Summary copied ({count} bullets, with the citation line).</source>
      <translation>نُسخ الملخص (عدد النقاط {count}، مع سطر الإحالة).</translation>
    </message>
    <message>
      <source>No translation to copy yet.</source>
      <translation>لا توجد ترجمة للنسخ بعد.</translation>
    </message>
    <message>
      <source>Translation copied.</source>
      <translation>نُسخت الترجمة.</translation>
    </message>
    <message>
      <source>Export as Word</source>
      <translation>تصدير بصيغة Word</translation>
    </message>
    <message>
      <source>Word document (*.docx)</source>
      <translation>مستند Word ‏(*.docx)</translation>
    </message>
    <message>
      <source>Export as PDF</source>
      <translation>تصدير بصيغة PDF</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF ‏(*.pdf)</translation>
    </message>
    <message>
      <source>Sent to the printer.</source>
      <translation>أُرسل إلى الطابعة.</translation>
    </message>
    <message>
      <source>Cannot print</source>
      <translation>تعذّرت الطباعة</translation>
    </message>
    <message>
      <source>Export Markdown</source>
      <translation>تصدير Markdown</translation>
    </message>
    <message>
      <source>Markdown (*.md)</source>
      <translation>Markdown ‏(*.md)</translation>
    </message>
    <message>
      <source>Export text</source>
      <translation>تصدير نص</translation>
    </message>
    <message>
      <source>Text (*.txt)</source>
      <translation>نص (*.txt)</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>فشل التصدير</translation>
    </message>
    <message>
      <source>{path}: cannot be written ({reason}); choose another folder</source>
      <translation>{path}: تتعذّر الكتابة ({reason})؛ اختر مجلدًا آخر</translation>
    </message>
    <message>
      <source>Saved {path}</source>
      <translation>حُفظ {path}</translation>
    </message>
  </context>
  <context>
    <name>SummaryControls</name>
    <message>
      <source>Summary algorithm</source>
      <translation>خوارزمية التلخيص</translation>
    </message>
    <message>
      <source>How the bullets are chosen; the summary updates at once</source>
      <translation>طريقة اختيار النقاط؛ يتحدّث الملخص فورًا</translation>
    </message>
    <message>
      <source>Auto</source>
      <translation>تلقائي</translation>
    </message>
    <message>
      <source> bullets</source>
      <translation> نقاط</translation>
    </message>
    <message>
      <source>Number of bullets</source>
      <translation>عدد النقاط</translation>
    </message>
    <message>
      <source>Number of bullets; Auto chooses by article length</source>
      <translation>عدد النقاط؛ «تلقائي» يختار بحسب طول المقالة</translation>
    </message>
    <message>
      <source>&amp;Algorithm:</source>
      <translation>&amp;الخوارزمية:</translation>
    </message>
  </context>
  <context>
    <name>SummaryView</name>
    <message>
      <source>The summary appears here once an article is open.</source>
      <translation>يظهر الملخص هنا بعد فتح مقالة.</translation>
    </message>
    <message>
      <source>Choosing the bullets…</source>
      <translation>جارٍ اختيار النقاط…</translation>
    </message>
    <message>
      <source>No bullets: the article has too few sentences to summarise.</source>
      <translation>لا نقاط: جمل المقالة أقل من أن تُلخَّص.</translation>
    </message>
    <message>
      <source>gloss</source>
      <translation>gloss</translation>
    </message>
    <message>
      <source>[translating…]</source>
      <translation>[جارٍ الترجمة…]</translation>
    </message>
    <message>
      <source>[not translated]</source>
      <translation>[لم تُترجم]</translation>
    </message>
  </context>
  <context>
    <name>TranslationView</name>
    <message>
      <source>Check this sentence: {reasons}</source>
      <translation>راجع هذه الجملة: {reasons}</translation>
    </message>
    <message>
      <source>[translating…]</source>
      <translation>[جارٍ الترجمة…]</translation>
    </message>
    <message>
      <source>[not translated]</source>
      <translation>[لم تُترجم]</translation>
    </message>
    <message>
      <source>gloss</source>
      <translation>gloss</translation>
    </message>
  </context>
  <context>
    <name>WordLookup</name>
    <message>
      <source>Loading the Arabic lexicon…</source>
      <translation>جارٍ تحميل المعجم العربي…</translation>
    </message>
    <message>
      <source>Not in the lexicon: probably a name, a foreign word or a spelling it does not know.</source>
      <translation>ليست في المعجم: على الأرجح اسم علم أو كلمة أجنبية أو رسم لا يعرفه.</translation>
    </message>
  </context>
  <context>
    <name>print_export</name>
    <message>
      <source>Printing is not part of this build of Talkhis: use Export as PDF and print the PDF.</source>
      <translation>الطباعة ليست جزءًا من هذه النسخة من تلخيص: صدّر التقرير بصيغة PDF واطبع ملف PDF.</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>طباعة</translation>
    </message>
  </context>
  <context>
    <name>window_actions</name>
    <message>
      <source>&amp;Open…</source>
      <translation>&amp;فتح…</translation>
    </message>
    <message>
      <source>Open an article to translate and summarise</source>
      <translation>فتح مقالة لترجمتها وتلخيصها</translation>
    </message>
    <message>
      <source>Export &amp;Markdown…</source>
      <translation>تصدير &amp;Markdown…</translation>
    </message>
    <message>
      <source>Save the summary and translation as Markdown</source>
      <translation>حفظ الملخص والترجمة بصيغة Markdown</translation>
    </message>
    <message>
      <source>Export &amp;text…</source>
      <translation>تصدير &amp;نص…</translation>
    </message>
    <message>
      <source>Save the summary and translation as plain text</source>
      <translation>حفظ الملخص والترجمة نصًا عاديًا</translation>
    </message>
    <message>
      <source>Export as &amp;Word…</source>
      <translation>تصدير بصيغة &amp;Word…</translation>
    </message>
    <message>
      <source>Save a Word document: citation, bullets with their Arabic, the translation side by side</source>
      <translation>حفظ مستند Word: الإحالة، والنقاط مع أصلها العربي، والترجمة جنبًا إلى جنب</translation>
    </message>
    <message>
      <source>Export as &amp;PDF…</source>
      <translation>تصدير بصيغة &amp;PDF…</translation>
    </message>
    <message>
      <source>Save the bilingual report as PDF</source>
      <translation>حفظ التقرير ثنائي اللغة بصيغة PDF</translation>
    </message>
    <message>
      <source>&amp;Print…</source>
      <translation>&amp;طباعة…</translation>
    </message>
    <message>
      <source>Print the bilingual report</source>
      <translation>طباعة التقرير ثنائي اللغة</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>&amp;بحث…</translation>
    </message>
    <message>
      <source>Find in all three panes (Arabic ignores diacritics and hamza forms)</source>
      <translation>البحث في الأجزاء الثلاثة (العربية دون اعتبار للتشكيل وأشكال الهمزة)</translation>
    </message>
    <message>
      <source>Find &amp;next</source>
      <translation>البحث عن التا&amp;لي</translation>
    </message>
    <message>
      <source>Next match</source>
      <translation>النتيجة التالية</translation>
    </message>
    <message>
      <source>Find pre&amp;vious</source>
      <translation>البحث عن ال&amp;سابق</translation>
    </message>
    <message>
      <source>Previous match</source>
      <translation>النتيجة السابقة</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;خروج</translation>
    </message>
    <message>
      <source>Close Talkhis</source>
      <translation>إغلاق تلخيص</translation>
    </message>
    <message>
      <source>Copy &amp;summary</source>
      <translation>نسخ ال&amp;ملخص</translation>
    </message>
    <message>
      <source>Copy the bullets with a citation line, as text and as a real bullet list</source>
      <translation>نسخ النقاط مع سطر الإحالة، نصًا وقائمة نقطية حقيقية</translation>
    </message>
    <message>
      <source>Copy &amp;translation</source>
      <translation>نسخ ال&amp;ترجمة</translation>
    </message>
    <message>
      <source>Copy the whole English translation</source>
      <translation>نسخ الترجمة الإنجليزية كاملة</translation>
    </message>
    <message>
      <source>&amp;Arabic source</source>
      <translation>النص ال&amp;عربي</translation>
    </message>
    <message>
      <source>&amp;English translation</source>
      <translation>الترجمة الإ&amp;نجليزية</translation>
    </message>
    <message>
      <source>S&amp;ummary</source>
      <translation>ال&amp;ملخص</translation>
    </message>
    <message>
      <source>Show or hide this pane</source>
      <translation>إظهار هذا الجزء أو إخفاؤه</translation>
    </message>
    <message>
      <source>Show or hide the people, places and organisations of the article</source>
      <translation>إظهار أو إخفاء الأشخاص والأماكن والمنظمات في المقال</translation>
    </message>
    <message>
      <source>&amp;Bigger text</source>
      <translation>&amp;تكبير النص</translation>
    </message>
    <message>
      <source>Make the text in the panes bigger</source>
      <translation>تكبير النص في الأجزاء</translation>
    </message>
    <message>
      <source>S&amp;maller text</source>
      <translation>ت&amp;صغير النص</translation>
    </message>
    <message>
      <source>Make the text in the panes smaller</source>
      <translation>تصغير النص في الأجزاء</translation>
    </message>
    <message>
      <source>Bullets in &amp;both languages</source>
      <translation>النقاط ب&amp;اللغتين</translation>
    </message>
    <message>
      <source>Each bullet in English with its Arabic original beneath</source>
      <translation>كل نقطة بالإنجليزية وتحتها أصلها العربي</translation>
    </message>
    <message>
      <source>Bullets in E&amp;nglish only</source>
      <translation>النقاط بالإن&amp;جليزية فقط</translation>
    </message>
    <message>
      <source>Bullets in English only</source>
      <translation>النقاط بالإنجليزية فقط</translation>
    </message>
    <message>
      <source>Bullets in Ara&amp;bic only</source>
      <translation>النقاط بالعربية &amp;فقط</translation>
    </message>
    <message>
      <source>Bullets in Arabic only</source>
      <translation>النقاط بالعربية فقط</translation>
    </message>
    <message>
      <source>&amp;Manage models…</source>
      <translation>&amp;إدارة النماذج…</translation>
    </message>
    <message>
      <source>List, import and remove translation models</source>
      <translation>عرض نماذج الترجمة واستيرادها وإزالتها</translation>
    </message>
    <message>
      <source>&amp;Translate again</source>
      <translation>ال&amp;ترجمة مجددًا</translation>
    </message>
    <message>
      <source>Translate the sentences still untranslated</source>
      <translation>ترجمة الجمل التي لم تُترجم بعد</translation>
    </message>
    <message>
      <source>&amp;Stop</source>
      <translation>إي&amp;قاف</translation>
    </message>
    <message>
      <source>Stop reading or translating; what is translated stays</source>
      <translation>إيقاف القراءة أو الترجمة؛ يبقى ما تُرجم</translation>
    </message>
    <message>
      <source>&amp;Gloss the sentence word by word</source>
      <translation>ترجمة الجملة &amp;حرفيًا كلمةً كلمة</translation>
    </message>
    <message>
      <source>Show the chosen sentence word by word: each Arabic word with its English</source>
      <translation>عرض الجملة المختارة كلمةً كلمة: كل كلمة عربية مع مقابلها الإنجليزي</translation>
    </message>
    <message>
      <source>Look up words on &amp;hover</source>
      <translation>معاني الكلمات عند المرو&amp;ر</translation>
    </message>
    <message>
      <source>Rest the mouse on an Arabic word to see its meanings</source>
      <translation>ضع المؤشر على كلمة عربية لترى معانيها</translation>
    </message>
    <message>
      <source>Look up words on &amp;click</source>
      <translation>معاني الكلمات عند الن&amp;قر</translation>
    </message>
    <message>
      <source>Click an Arabic word to see its meanings</source>
      <translation>انقر على كلمة عربية لترى معانيها</translation>
    </message>
    <message>
      <source>&amp;No word lookup</source>
      <translation>&amp;دون معاني الكلمات</translation>
    </message>
    <message>
      <source>Never show word meanings over the Arabic text</source>
      <translation>عدم إظهار معاني الكلمات فوق النص العربي</translation>
    </message>
    <message>
      <source>&amp;System colours</source>
      <translation>ألوان ال&amp;نظام</translation>
    </message>
    <message>
      <source>&amp;Light</source>
      <translation>&amp;فاتح</translation>
    </message>
    <message>
      <source>&amp;Dark</source>
      <translation>&amp;داكن</translation>
    </message>
    <message>
      <source>Colours of the window</source>
      <translation>ألوان النافذة</translation>
    </message>
    <message>
      <source>&amp;System language</source>
      <translation>لغة ال&amp;نظام</translation>
    </message>
    <message>
      <source>Language of the menus and messages</source>
      <translation>لغة القوائم والرسائل</translation>
    </message>
    <message>
      <source>&amp;Getting a model…</source>
      <translation>&amp;الحصول على نموذج…</translation>
    </message>
    <message>
      <source>Where to get an Arabic→English model and how to import it</source>
      <translation>من أين تحصل على نموذج من العربية إلى الإنجليزية وكيف تستورده</translation>
    </message>
    <message>
      <source>Clear translation &amp;memory…</source>
      <translation>مسح &amp;ذاكرة الترجمة…</translation>
    </message>
    <message>
      <source>Forget every remembered translation (re-opened articles are then translated again)</source>
      <translation>نسيان كل الترجمات المحفوظة (تُترجم المقالات من جديد عند فتحها مرة أخرى)</translation>
    </message>
    <message>
      <source>&amp;About Talkhis</source>
      <translation>&amp;عن تلخيص</translation>
    </message>
    <message>
      <source>Version, licence and where the log file is</source>
      <translation>الإصدار والترخيص ومكان ملف السجل</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;ملف</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;تحرير</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;عرض</translation>
    </message>
    <message>
      <source>&amp;Theme</source>
      <translation>ال&amp;سمة</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>الل&amp;غة</translation>
    </message>
    <message>
      <source>&amp;Models</source>
      <translation>&amp;النماذج</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;مساعدة</translation>
    </message>
  </context>
</TS>
