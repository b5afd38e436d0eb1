# ruff: noqa: E501  (sentences of the gold set are kept whole, one per line)
"""Builds the alignment gold set in this folder (run once; the outputs are committed).

English sentences with their Dari and Pashto translations, written for this test, are
put together into an article of paragraphs; the translations merge some pairs of
sentences into one (2:1), drop some (1:0) and add a translator's note (0:1). The gold
links are written beside the documents as JSON: [[source sentence indices], [target
sentence indices]] in document order.

    .venv/bin/python tests/data/align/make_gold.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACES = [("Kabul", "کابل", "کابل"), ("Herat", "هرات", "هرات"),
          ("Kandahar", "کندهار", "کندهار"), ("Balkh", "بلخ", "بلخ"),
          ("Nangarhar", "ننگرهار", "ننګرهار"), ("Bamyan", "بامیان", "بامیان"),
          ("Ghazni", "غزنی", "غزني"), ("Kunduz", "کندز", "کندز"),
          ("Badakhshan", "بدخشان", "بدخشان"), ("Paktia", "پکتیا", "پکتیا")]
# (English, Dari, Pashto); {p} a place, {n} a number.
BASE = [
    ("The school opened in {p}.", "مکتب در {p} باز شد.", "ښوونځی په {p} کې پرانیستل شو."),
    ("More than {n} girls came back to their classes this week, the director said.",
     "مدیر گفت که این هفته بیش از {n} دختر به صنف‌های خود برگشتند.",
     "مدیر وویل چې پدې اونۍ کې تر {n} ډېرې نجونې خپلو ټولګیو ته راستنې شوې."),
    ("Teachers had not been paid for months.", "معلمان ماه‌ها معاش نگرفته بودند.",
     "ښوونکو ته د میاشتو لپاره معاش نه و ورکړل شوی."),
    ("Is there enough water for the summer?", "آیا برای تابستان آب کافی وجود دارد؟",
     "ایا د دوبي لپاره کافي اوبه شته؟"),
    ("Farmers in {p} planted wheat on about {n} hectares of land after the rains came late in the spring.",
     "دهقانان در {p} پس از آنکه باران‌ها در بهار دیر آمد، در حدود {n} هکتار زمین گندم کاشتند.",
     "په {p} کې بزګرانو وروسته له دې چې په پسرلي کې بارانونه ناوخته راغلل، شاوخوا {n} هکتاره ځمکه کې غنم وکرل."),
    ("Prices rose again.", "قیمت‌ها دوباره بالا رفت.", "بیې بیا لوړې شوې."),
    ("The road between {p} and the capital was closed for {n} days because of heavy snow.",
     "سرک میان {p} و پایتخت به دلیل برف سنگین برای {n} روز بسته بود.",
     "د {p} او پلازمېنې ترمنځ سړک د درنو واورو له امله {n} ورځې تړلی و."),
    ("Nobody was hurt.", "کسی آسیب ندید.", "څوک ټپي نه شول."),
    ("Doctors at the provincial hospital treated {n} children for measles in one month.",
     "داکتران در شفاخانهٔ ولایتی در یک ماه {n} کودک را برای سرخکان تداوی کردند.",
     "د ولایتي روغتون ډاکټرانو په یوه میاشت کې {n} ماشومان د شري لپاره درملنه کړل."),
    ("The clinic needs more nurses and medicine.", "کلینیک به نرس‌ها و دوای بیشتر نیاز دارد.",
     "کلینیک ډېرو نرسانو او درملو ته اړتیا لري."),
    ("Why did the project stop?", "چرا پروژه متوقف شد؟", "ولې پروژه ودرېده؟"),
    ("Officials in {p} said the new bridge would be finished before winter, but work has been slow.",
     "مقامات در {p} گفتند که پل جدید پیش از زمستان تمام می‌شود، اما کار کند پیش رفته است.",
     "په {p} کې چارواکو وویل چې نوی پل به تر ژمي مخکې بشپړ شي، خو کار ورو پرمخ تللی دی."),
    ("Many families left their villages.", "بسیاری از خانواده‌ها قریه‌های خود را ترک کردند.",
     "ډېرو کورنیو خپل کلي پرېښودل."),
    ("A local shopkeeper said that he now sells only half of what he sold a year ago.",
     "یک دکان‌دار محلی گفت که اکنون تنها نیمی از آنچه را یک سال پیش می‌فروخت، می‌فروشد.",
     "یوه سیمه‌ییز دوکاندار وویل چې اوس یوازې نیمایي هغه څه پلوري چې یو کال مخکې یې پلورل."),
    ("The market is quiet.", "بازار آرام است.", "بازار ارام دی."),
    ("About {n} people attended the meeting in {p}.", "حدود {n} نفر در جلسه در {p} شرکت کردند.",
     "شاوخوا {n} کسانو په {p} کې په غونډه کې ګډون وکړ."),
    ("Elders asked the government to repair the irrigation canals before the planting season.",
     "بزرگان از حکومت خواستند که جوی‌های آبیاری را پیش از فصل کشت ترمیم کند.",
     "مشرانو له حکومت وغوښتل چې د کرنې تر موسم مخکې د اوبو لګولو ویالې ورغوي."),
    ("It was the first rain in {n} weeks.", "این نخستین باران در {n} هفته بود.",
     "دا په {n} اونیو کې لومړی باران و."),
    ("The university in {p} will accept {n} new students next year.",
     "پوهنتون در {p} سال آینده {n} محصل جدید می‌پذیرد.",
     "په {p} کې پوهنتون به راتلونکی کال {n} نوي محصلین ومني."),
    ("Electricity returned in the evening.", "برق در شام برگشت.", "برېښنا ماښام بېرته راغله."),
    ("Children walk more than an hour to reach the nearest school, and in winter many of them stay at home.",
     "کودکان بیش از یک ساعت پیاده می‌روند تا به نزدیک‌ترین مکتب برسند و در زمستان بسیاری از آن‌ها در خانه می‌مانند.",
     "ماشومان تر یو ساعت ډېر پلی ځي ترڅو نږدې ښوونځي ته ورسیږي او په ژمي کې ډېری یې په کور کې پاتې کیږي."),
    ("Where will the money come from?", "پول از کجا خواهد آمد؟", "پیسې به له کومه راشي؟"),
    ("The governor of {p} visited the new health centre on Monday.",
     "والی {p} روز دوشنبه از مرکز صحی جدید دیدن کرد.",
     "د {p} والي د دوشنبې په ورځ له نوي روغتیايي مرکز څخه لیدنه وکړه."),
    ("He promised more staff.", "او وعدهٔ کارمندان بیشتر را داد.", "هغه د ډېرو کارکوونکو ژمنه وکړه."),
    ("Aid groups say that {n} families in the district still need food and warm clothes.",
     "مؤسسات کمک‌رسان می‌گویند که {n} خانواده در این ولسوالی هنوز به غذا و لباس گرم نیاز دارند.",
     "مرستندویه ډلې وايي چې په دې ولسوالۍ کې {n} کورنۍ لا هم خوړو او تودو جامو ته اړتیا لري."),
    ("The price of flour doubled.", "قیمت آرد دو برابر شد.", "د اوړو بیه دوه چنده شوه."),
    ("Women in {p} started a small carpet workshop with help from a local council.",
     "زنان در {p} با کمک یک شورای محلی یک کارگاه کوچک قالین‌بافی را آغاز کردند.",
     "په {p} کې ښځو د یوې سیمه‌ییزې شورا په مرسته د غالیو اوبدلو یوه کوچنۍ کارځای پیل کړه."),
    ("Each carpet takes about {n} days to make.", "بافتن هر قالین حدود {n} روز وقت می‌گیرد.",
     "د هرې غالۍ جوړول شاوخوا {n} ورځې وخت نیسي."),
    ("The river flooded.", "دریا طغیان کرد.", "سیند طغیان وکړ."),
    ("Was the dam damaged?", "آیا بند آسیب دید؟", "ایا بند ته زیان ورسېد؟"),
    ("Engineers from {p} inspected the dam and found cracks in two places, which they will repair this month.",
     "انجنیران از {p} بند را بررسی کردند و در دو جا درز یافتند که این ماه ترمیم می‌کنند.",
     "له {p} څخه انجنیرانو بند وکوت او په دوو ځایونو کې یې درزونه وموندل چې پدې میاشت کې به یې ورغوي."),
    ("The radio station broadcasts lessons for {n} hours a day.",
     "ایستگاه رادیو روزانه {n} ساعت درس پخش می‌کند.",
     "راډیو سټېشن هره ورځ {n} ساعته درسونه خپروي."),
    ("Listeners call in with questions.", "شنوندگان با پرسش‌های خود تماس می‌گیرند.",
     "اورېدونکي له خپلو پوښتنو سره زنګ وهي."),
    ("The festival in {p} drew visitors from several provinces despite the cold weather.",
     "جشنواره در {p} با وجود هوای سرد، بازدیدکنندگانی را از چندین ولایت به خود جلب کرد.",
     "په {p} کې جشنوارې د سړې هوا سره سره له څو ولایتونو لیدونکي راجلب کړل."),
    ("Musicians played until midnight.", "نوازندگان تا نیمه‌شب نواختند.",
     "سندرغاړو تر نیمې شپې پورې غږول."),
    ("Police arrested {n} men suspected of smuggling fuel across the border.",
     "پولیس {n} مرد را به ظن قاچاق تیل از سرحد بازداشت کرد.",
     "پولیسو {n} سړي د پولې له لارې د تېلو قاچاق په شک ونیول."),
    ("The new law takes effect in {n} days.", "قانون جدید پس از {n} روز نافذ می‌شود.",
     "نوی قانون به تر {n} ورځو وروسته نافذ شي."),
    ("Traders in {p} welcomed the decision.", "تاجران در {p} از این تصمیم استقبال کردند.",
     "په {p} کې سوداګرو له دې پرېکړې هرکلی وکړ."),
    ("What happens to the workers now?", "اکنون کارگران چه خواهند کرد؟",
     "اوس به کارګر څه وکړي؟"),
    ("The factory had employed almost {n} people before it closed last autumn.",
     "کارخانه پیش از آنکه خزان گذشته بسته شود، تقریباً {n} نفر را استخدام کرده بود.",
     "فابریکې تېر منی تر تړل کېدو مخکې نږدې {n} کسان په کار ګمارلي وو."),
    ("Snow fell in the mountains.", "در کوه‌ها برف بارید.", "په غرونو کې واوره ورېده."),
    ("The library in {p} received {n} new books in Dari and Pashto.",
     "کتابخانه در {p} {n} کتاب جدید به دری و پشتو دریافت کرد.",
     "په {p} کې کتابتون په دري او پښتو ژبو {n} نوي کتابونه ترلاسه کړل."),
    ("Students read them eagerly.", "شاگردان آن‌ها را با شوق می‌خوانند.",
     "زده کوونکي یې په لېوالتیا لولي."),
]
NOTES = ("(یادداشت مترجم) نام‌ها به شکل محلی نوشته شده‌اند.",
         "(د ژباړونکي یادښت) نومونه په سیمه‌ییزه بڼه لیکل شوي دي.")


def digits(text: str, persian: bool) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if persian else text


def build(lang: int, seed: int, count: int = 330) -> tuple[str, str, list[list[list[int]]]]:
    rng = random.Random(seed)
    src_pars: list[list[str]] = []
    tgt_pars: list[list[str]] = []
    links: list[list[list[int]]] = []
    si = ti = 0
    made = 0
    joiner = " و " if lang == 1 else " او "
    while made < count:
        size = rng.randint(3, 6)
        sp, tp = [], []
        k = 0
        while k < size and made < count:
            en, fa, ps = rng.choice(BASE)
            place = rng.choice(PLACES)
            n = str(rng.choice([3, 5, 7, 12, 15, 20, 40, 65, 120, 300, 1500, 2000]))
            target = (fa, ps)[lang - 1]
            s = en.format(p=place[0], n=n)
            t = digits(target.format(p=place[lang], n=n), rng.random() < 0.6)
            roll = rng.random()
            if roll < 0.04 and k < size - 1:  # merged: two English sentences, one target
                en2, fa2, ps2 = rng.choice(BASE)
                place2 = rng.choice(PLACES)
                n2 = str(rng.choice([4, 8, 30, 90]))
                s2 = en2.format(p=place2[0], n=n2)
                t2 = digits((fa2, ps2)[lang - 1].format(p=place2[lang], n=n2), False)
                sp += [s, s2]
                tp.append(t.rstrip(".؟?") + joiner + t2)
                links.append([[si, si + 1], [ti]])
                si, ti, k, made = si + 2, ti + 1, k + 2, made + 2
                continue
            if roll < 0.07:  # dropped by the translator
                sp.append(s)
                links.append([[si], []])
                si, k, made = si + 1, k + 1, made + 1
                continue
            sp.append(s)
            tp.append(t)
            links.append([[si], [ti]])
            si, ti, k, made = si + 1, ti + 1, k + 1, made + 1
            if roll > 0.985:  # a translator's note of its own
                tp.append(NOTES[lang - 1])
                links.append([[], [ti]])
                ti += 1
        src_pars.append(sp)
        tgt_pars.append(tp)
    return ("\n\n".join(" ".join(p) for p in src_pars) + "\n",
            "\n\n".join(" ".join(p) for p in tgt_pars if p) + "\n", links)


def main() -> None:
    for lang, code, seed in ((1, "prs", 21), (2, "ps", 34)):
        en, tgt, links = build(lang, seed)
        (HERE / f"article-en-{code}.txt").write_text(en, encoding="utf-8")
        (HERE / f"article-{code}.txt").write_text(tgt, encoding="utf-8")
        (HERE / f"gold-{code}.json").write_text(json.dumps(links) + "\n", encoding="utf-8")
        pairs = sum(1 for s, t in links if s and t)
        print(code, len(links), "links,", pairs, "with both sides")


if __name__ == "__main__":
    main()
