import Taro from '@tarojs/taro'
import type { CsvExport } from '../contract'

/**
 * Puts the exported CSV where the person can open it in Excel. On the web: a download of the text
 * as is (it starts with the BOM). In WeChat, openDocument cannot show .csv, so the file is written
 * to the user data folder and sent to a chat, from which it opens on a computer.
 */
export async function saveCsv({ filename, csv }: CsvExport): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
    Taro.getFileSystemManager().writeFileSync(filePath, csv, 'utf8')
    await Taro.shareFileMessage({ filePath, fileName: filename })
    return
  }
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
