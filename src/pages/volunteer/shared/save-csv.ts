import Taro from '@tarojs/taro'
import type { CsvExport } from '../../../contract'

/** Hands the CSV to the person: a download in the browser, a file to forward in WeChat. */
export async function saveCsv({ filename, csv }: CsvExport): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
    link.download = filename
    link.click()
    URL.revokeObjectURL(link.href)
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  Taro.getFileSystemManager().writeFileSync(filePath, csv, 'utf8')
  await Taro.shareFileMessage({ filePath, fileName: filename })
}
