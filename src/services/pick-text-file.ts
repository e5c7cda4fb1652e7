import Taro from '@tarojs/taro'

/**
 * Lets the person pick a text file (a CSV exported from the hospital's system) and reads it as
 * UTF-8. In WeChat the file comes from a chat; on the web from the computer. `null` when cancelled.
 */
export async function pickTextFile(): Promise<string | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] })
      const [file] = tempFiles
      return file ? String(Taro.getFileSystemManager().readFileSync(file.path, 'utf8')) : null
    } catch {
      return null
    }
  }
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.txt,text/csv,text/plain'
    input.onchange = () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      void file.text().then((text) => resolve(text.replace(/^\uFEFF/, '')))
    }
    input.click()
  })
}
