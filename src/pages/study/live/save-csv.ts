import Taro from '@tarojs/taro'

/** H5 downloads the file; WeChat saves it and offers to send it to a chat, where Excel can open it. */
export async function saveCsv(filename: string, csv: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = filename
    link.click()
    URL.revokeObjectURL(url)
    return
  }
  const path = `${Taro.env.USER_DATA_PATH}/${filename}`
  Taro.getFileSystemManager().writeFileSync(path, csv, 'utf8')
  await Taro.shareFileMessage({ filePath: path, fileName: filename })
}
