/**
 * The text the lexicon is matched against: simplified characters, half-width letters and digits, lower
 * case. One code unit in, one code unit out, so a match's position is also its position in what the patient
 * wrote, and the tag can quote them.
 */

// Traditional characters patients in Hong Kong, Macao, Taiwan and overseas type, and the simplified form the
// lexicon is written in. Only characters that occur in hospital comments: a full converter is ~4,000 pairs.
const TRADITIONAL =
  '醫護態務檢驗藥掛號費環們難說話問題這個沒對長時間滿讓謝親熱細緻專業錢貴亂髒臟淨雜廁飯齊辦續樣給聽見讚頭臉兇氣聲隱嚴結帳賬單診療術覺體後過點幾實應該隊裡處員錯為愛帶導詢釋開關門預約網嗎麼靜燈溫無禮輕準確煩負責謂還會來進當從與並將於經現裝備設條總歡興壞爛髮傷針輸換牀層樓電車場寫讀認識請極較夠壓緊張鐘頁據幫顧師麗鬧擠廳飲營養鹹涼報腦隨機線係區邊遠頓趕價險癒復衛廣東紅隻雙歲媽爺孫兒屬戶證劃豐盡職優貼誠懇謹簡潔舊鬆聯繫絡斷動獨憐嘆罵惡戲騙絕紙廢盤湯麵鍋飽餓滾燙頸腳臥褲襪傘傳遞訊視螢顯標誌歷紀錄碼掃勞義囉唄'
const SIMPLIFIED =
  '医护态务检验药挂号费环们难说话问题这个没对长时间满让谢亲热细致专业钱贵乱脏脏净杂厕饭齐办续样给听见赞头脸凶气声隐严结账账单诊疗术觉体后过点几实应该队里处员错为爱带导询释开关门预约网吗么静灯温无礼轻准确烦负责谓还会来进当从与并将于经现装备设条总欢兴坏烂发伤针输换床层楼电车场写读认识请极较够压紧张钟页据帮顾师丽闹挤厅饮营养咸凉报脑随机线系区边远顿赶价险愈复卫广东红只双岁妈爷孙儿属户证划丰尽职优贴诚恳谨简洁旧松联系络断动独怜叹骂恶戏骗绝纸废盘汤面锅饱饿滚烫颈脚卧裤袜伞传递讯视萤显标志历纪录码扫劳义啰呗'

const SIMPLIFIED_OF = new Map<number, number>()
for (let i = 0; i < TRADITIONAL.length; i++) SIMPLIFIED_OF.set(TRADITIONAL.charCodeAt(i), SIMPLIFIED.charCodeAt(i))

const FULL_WIDTH_FIRST = 0xff01
const FULL_WIDTH_LAST = 0xff5e
const FULL_TO_HALF = 0xfee0

export function normalize(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i)
    unit = SIMPLIFIED_OF.get(unit) ?? unit
    if (unit >= FULL_WIDTH_FIRST && unit <= FULL_WIDTH_LAST) unit -= FULL_TO_HALF
    if (unit >= 0x41 && unit <= 0x5a) unit += 0x20
    out += String.fromCharCode(unit)
  }
  return out
}

/** Where a clause ends: punctuation, line breaks and spaces, in either width. */
const BOUNDARY = new Set([...'，。！？；：,.!?;:、\n\r\t …~～()（）"“”\'‘’【】[]'].map((c) => c.charCodeAt(0)))

export const isBoundary = (unit: number) => BOUNDARY.has(unit)

/** Han characters: a text without any is not Chinese, and gets no themes. */
export const hasHan = (text: string) => /\p{Script=Han}/u.test(text)
